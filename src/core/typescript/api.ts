// The parts of TypeScript's compiler API the front end uses, read once from ts-morph's bundled
// compiler. In the bundles every `ts.X` is a property getter (esbuild's re-exports of ts-morph and of
// TypeScript's own namespace object), which costs a call per access in the hot loops over the tree:
// modules import these constants instead.
import { ts } from 'ts-morph';

export const {
  NodeFlags, ScriptKind, ScriptTarget, SyntaxKind, canHaveModifiers, createSourceFile, forEachChild,
  getLeadingCommentRanges, getModifiers, getTrailingCommentRanges, isArrayLiteralExpression, isArrowFunction,
  isAsExpression, isAwaitExpression, isBinaryExpression, isBindingElement, isBlock,
  isBreakOrContinueStatement, isCallExpression, isCaseBlock, isCaseClause, isCatchClause, isClassDeclaration,
  isClassExpression, isClassLike, isComputedPropertyName, isConditionalExpression, isConstructorDeclaration,
  isDefaultClause, isDeleteExpression, isDoStatement, isElementAccessExpression, isEnumMember,
  isExportSpecifier, isExpressionStatement, isExpressionWithTypeArguments, isExternalModuleReference,
  isForInStatement, isForOfStatement, isForStatement, isFunctionDeclaration, isFunctionExpression,
  isFunctionLike, isFunctionTypeNode, isGetAccessor, isGetAccessorDeclaration, isHeritageClause, isIdentifier, isIfStatement,
  isImportClause, isImportDeclaration, isImportEqualsDeclaration, isImportSpecifier, isLabeledStatement,
  isMethodDeclaration, isMethodSignature, isModuleBlock, isModuleDeclaration, isNamedImports,
  isNamespaceImport, isNewExpression, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral,
  isObjectBindingPattern, isObjectLiteralExpression, isOmittedExpression, isParameter,
  isParenthesizedExpression, isParenthesizedTypeNode, isPostfixUnaryExpression, isPrefixUnaryExpression,
  isPrivateIdentifier, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration,
  isPropertySignature, isQualifiedName, isReturnStatement, isSatisfiesExpression, isSemicolonClassElement,
  isSetAccessor, isSetAccessorDeclaration, isShorthandPropertyAssignment, isSourceFile, isSpreadAssignment,
  isSpreadElement, isStatement, isStringLiteral, isStringLiteralLike, isTemplateExpression, isThrowStatement,
  isTryStatement, isTypeAssertionExpression, isTypeOfExpression, isTypeReferenceNode, isUnionTypeNode,
  isVariableDeclaration, isVariableDeclarationList, isVariableStatement, isVoidExpression, isWhileStatement,
} = ts;
