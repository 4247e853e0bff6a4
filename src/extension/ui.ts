// What the extension shows the user that VS Code's API cannot read back: notifications and the
// scaffold wizard's quick picks. They are shown through here, which also reports each as an event on
// the extension's API (OnexForgeApi.ui), so that the integration tests (and other extensions) see
// what a user sees. A listener may answer as the user would (click a notification's button, accept a
// pick's item); the extension itself never does.
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

export interface ShownPick {
  title?: string;
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  /** The items' labels, in order. */
  items: readonly string[];
  /** Their descriptions (the text beside a label), in the same order. */
  descriptions?: readonly (string | undefined)[];
  /** The item selected when the pick opens. */
  active?: string;
  /** Accepts the item with this label as the user would, or closes the pick (undefined). */
  choose(label: string | undefined): void;
}

export interface UiEvents {
  readonly onDidShowNotice: vscode.Event<ShownNotice>;
  readonly onDidShowPick: vscode.Event<ShownPick>;
}

export class UserInterface implements UiEvents, vscode.Disposable {
  private readonly notices = new vscode.EventEmitter<ShownNotice>();
  private readonly picks = new vscode.EventEmitter<ShownPick>();
  readonly onDidShowNotice = this.notices.event;
  readonly onDidShowPick = this.picks.event;

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

  /** A quick pick of one step, reported like the wizard's; resolves to the label accepted, or undefined when closed. */
  pickOne(options: { title?: string; placeholder: string; items: readonly vscode.QuickPickItem[] }): Promise<string | undefined> {
    return new Promise((resolve) => {
      const quickPick = vscode.window.createQuickPick();
      quickPick.title = options.title;
      quickPick.placeholder = options.placeholder;
      quickPick.items = options.items;
      let settled = false;
      const finish = (label: string | undefined) => {
        if (settled) return;
        settled = true;
        resolve(label);
        quickPick.dispose();
      };
      quickPick.onDidAccept(() => finish(quickPick.selectedItems[0]?.label));
      quickPick.onDidHide(() => finish(undefined));
      quickPick.show();
      this.pickShown({
        title: options.title, placeholder: options.placeholder, items: options.items.map((item) => item.label),
        descriptions: options.items.map((item) => item.description), active: options.items[0]?.label,
        choose: (label) => finish(options.items.some((item) => item.label === label) ? label : undefined),
      });
    });
  }

  /** Reports a quick pick the extension has just shown. */
  pickShown(pick: ShownPick): void {
    this.picks.fire(pick);
  }

  dispose(): void {
    this.notices.dispose();
    this.picks.dispose();
  }
}
