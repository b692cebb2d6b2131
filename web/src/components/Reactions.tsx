"use client";
/** A message's reactions (each a toggle: pressed when the reader reacted) and the small picker. */
import type { Message, Reaction } from "@/api/types";
import { PICKER_EMOJI } from "@/state/reactions";
import { Menu } from "./Menu";
import styles from "./MessageList.module.css";

type OnReact = (emoji: string, add: boolean) => void;

export function Reactions({ reactions, onReact }: { reactions: Reaction[]; onReact: OnReact }) {
  if (reactions.length === 0) return null;
  return (
    <ul className={styles.reactions} aria-label="Reactions">
      {reactions.map((reaction) => (
        <li key={reaction.emoji}>
          <button type="button" aria-pressed={reaction.me} onClick={() => onReact(reaction.emoji, !reaction.me)}>
            {reaction.emoji} {reaction.count}
          </button>
        </li>
      ))}
    </ul>
  );
}

interface PickerProps {
  message: Message;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onReact: OnReact;
}

/** Choosing an emoji the reader already reacted with takes the reaction back, as its toggle does. */
export function ReactionPicker({ message, open, onOpenChange, onReact }: PickerProps) {
  const mine = new Set((message.reactions ?? []).filter((reaction) => reaction.me).map((reaction) => reaction.emoji));
  const actions = PICKER_EMOJI.map((emoji) => ({ label: emoji, onSelect: () => onReact(emoji, !mine.has(emoji)) }));
  return <Menu label="Add reaction" face="☺" actions={actions} open={open} onOpenChange={onOpenChange} />;
}
