import { show } from './dom.js';

/** The page's one message line: errors are announced to screen readers as they appear. */
export interface Notice {
  error(message: string): void;
  info(message: string): void;
  clear(): void;
}

export function createNotice(element: HTMLElement): Notice {
  const say = (kind: 'error' | 'info', message: string) => {
    element.dataset.kind = kind;
    element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    show(element, message);
  };
  return {
    error: (message) => say('error', message),
    info: (message) => say('info', message),
    clear: () => {
      delete element.dataset.kind;
      show(element);
    },
  };
}
