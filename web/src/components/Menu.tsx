"use client";
/**
 * A menu button (WAI-ARIA menu button pattern): the button opens a list of actions that arrow
 * keys move through, Home/End jump in, Enter or a click chooses, and Escape or Tab leaves,
 * focus going back to the button on Escape. The parent may also open it (a long press).
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import styles from "./Menu.module.css";

export interface MenuAction {
  label: string;
  onSelect: () => void;
}

interface MenuProps {
  /** The button's accessible name; the menu is named after it. */
  label: string;
  /** What the button shows (an icon); the label names it. */
  face: ReactNode;
  actions: MenuAction[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  className?: string;
}

export function Menu({ label, face, actions, open, onOpenChange, className }: MenuProps) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open]);

  function close(returnFocus: boolean) {
    onOpenChange(false);
    if (returnFocus) button.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (event.key in move) {
      event.preventDefault();
      all[(move[event.key] + all.length) % all.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  }

  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      onOpenChange(true);
    }
  }

  return (
    <span
      className={`${styles.anchor} ${className ?? ""}`}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) onOpenChange(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => onOpenChange(!open)}
        onKeyDown={onButtonKey}
      >
        {face}
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label={label} className={styles.menu} onKeyDown={onMenuKey}>
          {actions.map((action) => (
            <li key={action.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(false);
                  action.onSelect();
                }}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
