/**
 * The whole client state of a signed-in user and the one pure reducer that changes it.
 * Everything async (REST calls, the socket) lives outside and only dispatches these actions,
 * so every rule about merging, ordering and counting is testable without a browser.
 */
import type { Attachment, Conversation, ConversationSummary, Group, Message, Notification, Pin, PresenceStatus, User } from "@/api/types";
import type { EventFrame } from "@/realtime/frames";
import * as conversations from "./conversations";
import * as notifications from "./notifications";
import * as pins from "./pins";
import { withReactionsChanged } from "./reactions";
import { withThreadUpdate, type Threads } from "./threads";
import * as timeline from "./timeline";
import * as typing from "./typing";

export interface ChatState {
  me: string;
  summaries: conversations.Summaries;
  summariesLoaded: boolean;
  timelines: Record<string, timeline.Timeline>;
  /** Threads opened, by root message id. */
  threads: Threads;
  pins: pins.Pins;
  /** conversation id -> user id -> highest seq that user has read (others' markers, from frames). */
  readMarkers: Record<string, Record<string, number>>;
  typing: typing.Typing;
  presence: Record<string, PresenceStatus>;
  notifications: notifications.Notifications;
  users: Record<string, User>;
  groups: Record<string, Group>;
  /** There is no GET for preferences: what we set in this session is all we know. */
  muted: Record<string, boolean>;
  openConversationId: string | null;
  focused: boolean;
}

export type ChatAction =
  | { type: "summariesLoaded"; items: ConversationSummary[] }
  | { type: "conversationLoaded"; conversation: Conversation }
  | { type: "pageLoaded"; conversationId: string; items: Message[]; hasMore: boolean }
  | { type: "newerPageLoaded"; conversationId: string; items: Message[]; hasNewer: boolean }
  /** The messages around one the reader opens (a search result), with whether more lie before and after. */
  | { type: "windowLoaded"; conversationId: string; items: Message[]; hasOlder: boolean; hasNewer: boolean }
  | { type: "threadPageLoaded"; rootId: string; items: Message[]; hasMore: boolean }
  | { type: "pinsLoaded"; conversationId: string; items: Pin[] }
  /** A reply's optimistic copy waits in its thread (`threadRootId`), anything else in the timeline. */
  | { type: "sendStarted"; conversationId: string; threadRootId?: string; clientMessageId: string; body: string; attachments: Attachment[] }
  | { type: "sendFailed"; conversationId: string; threadRootId?: string; clientMessageId: string }
  | { type: "messageSaved"; message: Message }
  | { type: "messageUpdated"; message: Message }
  | { type: "frame"; frame: EventFrame; now: number }
  | { type: "conversationOpened"; conversationId: string | null }
  | { type: "focusChanged"; focused: boolean }
  | { type: "readPosted"; conversationId: string; seq: number }
  | { type: "usersLoaded"; users: User[] }
  | { type: "groupLoaded"; group: Group }
  | { type: "groupsLoaded"; groups: Group[] }
  | { type: "groupLeft"; groupId: string }
  | { type: "timelinesDropped"; conversationIds: string[] }
  | { type: "presenceLoaded"; items: { user_id: string; status: PresenceStatus }[] }
  | { type: "notificationsLoaded"; items: Notification[]; unreadCount: number }
  | { type: "notificationRead"; id: string; at: string }
  | { type: "notificationsAllRead"; at: string }
  | { type: "muteChanged"; conversationId: string; muted: boolean };

export function initialChatState(me: string): ChatState {
  return {
    me,
    summaries: {},
    summariesLoaded: false,
    timelines: {},
    threads: {},
    pins: {},
    readMarkers: {},
    typing: {},
    presence: {},
    notifications: notifications.noNotifications,
    users: {},
    groups: {},
    muted: {},
    openConversationId: null,
    focused: true,
  };
}

function withTimeline(
  state: ChatState,
  conversationId: string,
  change: (current: timeline.Timeline) => timeline.Timeline,
): ChatState {
  const current = state.timelines[conversationId] ?? timeline.emptyTimeline;
  return { ...state, timelines: { ...state.timelines, [conversationId]: change(current) } };
}

function withThread(state: ChatState, rootId: string, change: (current: timeline.Timeline) => timeline.Timeline): ChatState {
  const current = state.threads[rootId] ?? timeline.emptyTimeline;
  return { ...state, threads: { ...state.threads, [rootId]: change(current) } };
}

/** Where an optimistic send waits: its thread, or the conversation's timeline. */
function withSendsOf(state: ChatState, conversationId: string, threadRootId: string | undefined, change: (current: timeline.Timeline) => timeline.Timeline) {
  return threadRootId ? withThread(state, threadRootId, change) : withTimeline(state, conversationId, change);
}

/** Changes a message wherever it is shown: its conversation's timeline and any open thread. */
function changeShown(state: ChatState, conversationId: string, change: (message: Message) => Message): ChatState {
  const shown = state.timelines[conversationId];
  const threads = Object.fromEntries(Object.entries(state.threads).map(([root, thread]) => [root, timeline.mapMessages(thread, change)]));
  const timelines = shown ? { ...state.timelines, [conversationId]: timeline.mapMessages(shown, change) } : state.timelines;
  return { ...state, timelines, threads };
}

function messageArrived(state: ChatState, message: Message): ChatState {
  const id = message.conversation_id;
  const beingRead = state.openConversationId === id && state.focused;
  let next: ChatState = {
    ...state,
    summaries: conversations.messageCreated(state.summaries, message, state.me, beingRead),
    typing: typing.typingStopped(state.typing, id, message.sender_id),
  };
  const root = message.thread_root_id;
  if (root && state.threads[root]) next = withThread(next, root, (current) => timeline.addMessages(current, [message], state.me));
  // A conversation never opened has no timeline yet; opening it loads the latest page anyway.
  if (!state.timelines[id]) return next;
  return withTimeline(next, id, (current) => timeline.addMessages(current, [message], state.me));
}

function messageChanged(state: ChatState, message: Message): ChatState {
  let next = {
    ...state,
    summaries: conversations.messageChanged(state.summaries, message),
    pins: pins.pinnedMessageChanged(state.pins, message),
  };
  for (const root of [message.id, message.thread_root_id]) {
    if (root && state.threads[root]) next = withThread(next, root, (current) => timeline.updateMessage(current, message));
  }
  if (!state.timelines[message.conversation_id]) return next;
  return withTimeline(next, message.conversation_id, (current) => timeline.updateMessage(current, message));
}

/** The copy of a message the client holds, to put in the pins list when it is pinned. */
export function heldMessage(state: ChatState, conversationId: string, messageId: string): Message | undefined {
  const held = [state.timelines[conversationId], ...Object.values(state.threads)].flatMap((shown) => shown?.messages ?? []);
  return held.find((message) => message.id === messageId);
}

function frameArrived(state: ChatState, frame: EventFrame, now: number): ChatState {
  switch (frame.type) {
    case "message.created":
      return messageArrived(state, { ...frame.data, reactions: [] });
    case "message.edited":
    case "message.deleted": {
      // An edit leaves the reactions as they were; a deletion takes them with the body.
      const held = heldMessage(state, frame.data.conversation_id, frame.data.id);
      const reactions = frame.type === "message.edited" ? (held?.reactions ?? []) : [];
      return messageChanged(state, { ...frame.data, reactions });
    }
    case "conversation.created":
      return { ...state, summaries: conversations.addConversation(state.summaries, frame.data) };
    case "conversation.read": {
      const { conversation_id: id, user_id: reader, seq } = frame.data;
      if (reader === state.me) return { ...state, summaries: conversations.readUpTo(state.summaries, id, seq) };
      const markers = state.readMarkers[id] ?? {};
      if ((markers[reader] ?? 0) >= seq) return state;
      return { ...state, readMarkers: { ...state.readMarkers, [id]: { ...markers, [reader]: seq } } };
    }
    case "typing":
      return { ...state, typing: typing.typingStarted(state.typing, frame.data.conversation_id, frame.data.user_id, now) };
    case "presence":
      return { ...state, presence: { ...state.presence, [frame.data.user_id]: frame.data.status } };
    case "notification.created":
      return { ...state, notifications: notifications.notificationCreated(state.notifications, frame.data) };
    case "group.updated": {
      const stillMember = frame.data.members.some((member) => member.user_id === state.me);
      return stillMember ? groupLoaded(state, frame.data) : groupLeft(state, frame.data.id);
    }
    case "thread.updated":
      return changeShown(state, frame.data.conversation_id, (message) => withThreadUpdate(message, frame.data));
    case "message.reactions_changed":
      return changeShown(state, frame.data.conversation_id, (message) => withReactionsChanged(message, frame.data, state.me));
    case "message.pinned": {
      const message = heldMessage(state, frame.data.conversation_id, frame.data.message_id);
      return { ...state, pins: pins.pinned(state.pins, frame.data, message) };
    }
    case "message.unpinned":
      return { ...state, pins: pins.unpinned(state.pins, frame.data.conversation_id, frame.data.message_id) };
  }
}

function groupLoaded(state: ChatState, group: Group): ChatState {
  const summary = state.summaries[group.id];
  // The group's name is its conversation's title; keep the list in step with renames.
  const summaries = summary ? { ...state.summaries, [group.id]: { ...summary, title: group.name } } : state.summaries;
  return { ...state, groups: { ...state.groups, [group.id]: group }, summaries };
}

function groupLeft(state: ChatState, groupId: string): ChatState {
  const { [groupId]: _left, ...groups } = state.groups;
  const { [groupId]: _gone, ...summaries } = state.summaries;
  return { ...state, groups, summaries };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "summariesLoaded":
      return { ...state, summaries: conversations.replaceAll(action.items), summariesLoaded: true };
    case "conversationLoaded":
      return { ...state, summaries: conversations.addConversation(state.summaries, action.conversation) };
    case "pageLoaded":
      return withTimeline(state, action.conversationId, (current) =>
        timeline.addPage(current, action.items, action.hasMore, state.me),
      );
    case "newerPageLoaded":
      return withTimeline(state, action.conversationId, (current) => timeline.addNewerPage(current, action.items, action.hasNewer, state.me));
    case "windowLoaded":
      return withTimeline(state, action.conversationId, (current) =>
        timeline.addWindow(current, action.items, action.hasOlder, action.hasNewer, state.me),
      );
    case "threadPageLoaded":
      return withThread(state, action.rootId, (current) => timeline.addPage(current, action.items, action.hasMore, state.me));
    case "pinsLoaded":
      return { ...state, pins: { ...state.pins, [action.conversationId]: action.items } };
    case "sendStarted":
      return withSendsOf(state, action.conversationId, action.threadRootId, (current) =>
        timeline.sendPending(current, action.clientMessageId, action.body, state.me, action.attachments),
      );
    case "sendFailed":
      return withSendsOf(state, action.conversationId, action.threadRootId, (current) =>
        timeline.failPending(current, action.clientMessageId),
      );
    case "messageSaved":
      return messageArrived(state, action.message);
    case "messageUpdated":
      return messageChanged(state, action.message);
    case "frame":
      return frameArrived(state, action.frame, action.now);
    case "conversationOpened":
      return { ...state, openConversationId: action.conversationId };
    case "focusChanged":
      return { ...state, focused: action.focused };
    case "readPosted":
      return { ...state, summaries: conversations.readUpTo(state.summaries, action.conversationId, action.seq) };
    case "usersLoaded":
      return { ...state, users: { ...state.users, ...Object.fromEntries(action.users.map((user) => [user.id, user])) } };
    case "groupLoaded":
      return groupLoaded(state, action.group);
    case "groupsLoaded":
      return action.groups.reduce(groupLoaded, { ...state, groups: {} });
    case "groupLeft":
      return groupLeft(state, action.groupId);
    case "timelinesDropped": {
      const timelines = { ...state.timelines };
      for (const id of action.conversationIds) delete timelines[id];
      return { ...state, timelines };
    }
    case "presenceLoaded":
      return {
        ...state,
        presence: { ...state.presence, ...Object.fromEntries(action.items.map((item) => [item.user_id, item.status])) },
      };
    case "notificationsLoaded":
      return { ...state, notifications: { items: action.items, unreadCount: action.unreadCount } };
    case "notificationRead":
      return { ...state, notifications: notifications.notificationRead(state.notifications, action.id, action.at) };
    case "notificationsAllRead":
      return { ...state, notifications: notifications.allRead(state.notifications, action.at) };
    case "muteChanged":
      return { ...state, muted: { ...state.muted, [action.conversationId]: action.muted } };
  }
}

/**
 * The highest seq shown per conversation, for `resume`. A loaded timeline is the truth for its
 * conversation (a later summary must not skip messages it never received); otherwise the
 * summary's last message is what the list has shown. So it is for a window far back (a search
 * result): paging, not resume, brings what lies after it.
 */
export function resumeCursors(state: ChatState): Record<string, number> {
  const cursors: Record<string, number> = {};
  for (const summary of Object.values(state.summaries)) {
    const loaded = state.timelines[summary.id];
    cursors[summary.id] = loaded && !loaded.hasNewer ? timeline.lastSeq(loaded) : (summary.last_message?.seq ?? 0);
  }
  return cursors;
}

/** What to call a conversation: a group's name, or the other person's display name. */
export function conversationTitle(state: ChatState, summary: Conversation): string {
  if (summary.kind === "group") return summary.title ?? "Group";
  const other = otherParticipant(state, summary);
  return (other && state.users[other]?.display_name) ?? "…";
}

export function otherParticipant(state: ChatState, conversation: Conversation): string | undefined {
  return conversation.participant_ids.find((id) => id !== state.me);
}
