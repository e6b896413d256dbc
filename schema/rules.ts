/** Cross-field rules, checked on the whole object (a create body, or stored object + PUT). */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}
export type Rule<T> = (obj: T) => RuleIssue[];
