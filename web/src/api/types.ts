/** Short names for the generated API schemas, so the rest of the client never spells the path. */
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type TokenPair = Schemas["TokenPair"];
export type Conversation = Schemas["Conversation"];
export type ConversationSummary = Schemas["ConversationSummary"];
export type Group = Schemas["Group"];
export type GroupSettings = Schemas["GroupSettings"];
export type Member = Schemas["Member"];
export type Notification = Schemas["Notification"];
export type PresenceStatus = Schemas["PresenceStatus"];

export type Message = Schemas["Message"];
export type Reaction = Schemas["ReactionCount"];

/** Pins and edit history (issue 16), written by hand from the shared wire design until the server's OpenAPI document has them. */
export interface Pin {
  message: Message;
  pinned_by: string;
  pinned_at: string;
}

export interface EarlierBody {
  body: string;
  written_at: string;
  replaced_at: string;
}
