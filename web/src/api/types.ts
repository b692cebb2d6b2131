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

export type Reaction = Schemas["ReactionCount"];
export type Pin = Schemas["Pin"];
/** A body a message had before an edit replaced it. */
export type EarlierBody = Schemas["Edit"];

export type Upload = Schemas["Upload"];
/** A file a message carries: the upload it was sent with. */
export type Attachment = Schemas["Attachment"];
export type Message = Schemas["Message"];

export type SnippetPart = Schemas["SnippetPart"];
export type SearchResult = Schemas["SearchResult"];
