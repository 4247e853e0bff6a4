// What the extension shows the user that VS Code's API cannot read back: its notifications. They are
// shown through here, which also reports each as an event on the extension's API (OnexForgeApi.ui),
// so that the integration tests (and other extensions) see what a user sees. A listener may answer
// as the user would (click a notification's button); the extension itself never does.
import * as vscode from 'vscode';

export type NoticeSeverity = 'information' | 'warning' | 'error';

export interface ShownNotice {
  severity: NoticeSeverity;
  message: string;
  /** The buttons, in order. */
  actions: readonly string[];
  /** Answers as the user would: clicks `action`, or dismisses the notification (undefined). */
  answer(action: string | undefined): void;
}

export interface UiEvents {
  readonly onDidShowNotice: vscode.Event<ShownNotice>;
}

export class UserInterface implements UiEvents, vscode.Disposable {
  private readonly notices = new vscode.EventEmitter<ShownNotice>();
  readonly onDidShowNotice = this.notices.event;

  /** Shows a notification; resolves to the button clicked, or undefined when it is dismissed. */
  notify(severity: NoticeSeverity, message: string, ...actions: string[]): Promise<string | undefined> {
    const show = severity === 'error' ? vscode.window.showErrorMessage
      : severity === 'warning' ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
    let answer: (action: string | undefined) => void = () => undefined;
    const answered = new Promise<string | undefined>((resolve) => {
      answer = resolve;
    });
    const shown = Promise.race([Promise.resolve(show(message, ...actions)), answered]);
    this.notices.fire({ severity, message, actions, answer });
    return shown;
  }

  dispose(): void {
    this.notices.dispose();
  }
}
