/**
 * Everything the screens can ask for: each command calls the API and dispatches what the
 * answer means for the store. Failures are thrown as ApiError for the screen to show.
 */
import type { Dispatch } from "react";
import { unwrap, type Api } from "@/api/client";
import { allPages, LIST_PAGE_SIZE } from "@/api/paging";
import { ApiError } from "@/api/problem";
import type { Attachment, Conversation, EarlierBody, Group, Message, SearchResult, User } from "@/api/types";
import type { Page } from "@/api/paging";
import type { Uploader } from "@/api/uploads";
import type { ChatAction } from "@/state/chat";

const PAGE_SIZE = 50;
/** Messages shown on each side of one opened from a search. */
const AROUND = 25;
const SEARCH_PAGE_SIZE = 20;
/**
 * Conversations are read from read models, which lag the write that made them a little (between
 * services, up to a second or two), and a group's conversation is made from the group's event.
 * So a conversation that is not there yet is asked for again for a few seconds before it counts
 * as missing.
 */
const CONVERSATION_POLL_MS = 300;
const CONVERSATION_POLL_ATTEMPTS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Commands = ReturnType<typeof createCommands>;

export function createCommands(api: Api, dispatch: Dispatch<ChatAction>, upload: Uploader) {
  /** Users asked for once per page load: names and usernames do not change often enough to matter. */
  const requestedUsers = new Set<string>();

  function groupChanged(group: Group): Group {
    dispatch({ type: "groupLoaded", group });
    return group;
  }

  async function loadGroup(groupId: string): Promise<Group> {
    return groupChanged(await unwrap(api.GET("/api/v1/groups/{group_id}", { params: { path: { group_id: groupId } } })));
  }

  async function fetchConversation(conversationId: string): Promise<Conversation> {
    const path = { conversation_id: conversationId };
    for (let attempt = 1; ; attempt++) {
      try {
        return await unwrap(api.GET("/api/v1/conversations/{conversation_id}", { params: { path } }));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404) || attempt === CONVERSATION_POLL_ATTEMPTS) throw error;
      }
      await sleep(CONVERSATION_POLL_MS);
    }
  }

  async function loadLatest(conversationId: string): Promise<void> {
    const page = await unwrap(
      api.GET("/api/v1/conversations/{conversation_id}/messages", {
        params: { path: { conversation_id: conversationId }, query: { limit: PAGE_SIZE } },
      }),
    );
    dispatch({ type: "pageLoaded", conversationId, items: page.items, hasMore: page.has_more });
  }

  /**
   * The messages around `seq`, for opening a conversation at one (a search result): those up
   * to it and those after it, two pages that each say whether more lie beyond.
   */
  async function loadAround(conversationId: string, seq: number): Promise<void> {
    const path = { conversation_id: conversationId };
    const route = "/api/v1/conversations/{conversation_id}/messages";
    const [upTo, after] = await Promise.all([
      unwrap(api.GET(route, { params: { path, query: { before: seq + 1, limit: AROUND + 1 } } })),
      unwrap(api.GET(route, { params: { path, query: { after: seq, limit: AROUND } } })),
    ]);
    dispatch({ type: "windowLoaded", conversationId, items: [...upTo.items, ...after.items], hasOlder: upTo.has_more, hasNewer: after.has_more });
  }

  async function loadGroups(): Promise<void> {
    // A listed group names only its first members; a group opened is loaded whole (loadGroup).
    const groups = await allPages((cursor) =>
      unwrap(api.GET("/api/v1/groups", { params: { query: { limit: LIST_PAGE_SIZE, cursor } } })),
    );
    dispatch({ type: "groupsLoaded", groups });
  }

  async function loadSummaries(): Promise<void> {
    const items = await allPages((cursor) =>
      unwrap(api.GET("/api/v1/conversations", { params: { query: { limit: LIST_PAGE_SIZE, cursor } } })),
    );
    dispatch({ type: "summariesLoaded", items });
  }

  return {
    loadGroup,

    loadGroups,

    loadSummaries,

    async loadNotifications(): Promise<void> {
      const { items, unread_count } = await unwrap(api.GET("/api/v1/notifications", { params: { query: { limit: 50 } } }));
      dispatch({ type: "notificationsLoaded", items, unreadCount: unread_count });
    },

    async ensureUsers(ids: string[]): Promise<void> {
      const missing = [...new Set(ids)].filter((id) => !requestedUsers.has(id));
      missing.forEach((id) => requestedUsers.add(id));
      const users = await Promise.all(
        missing.map((id) =>
          unwrap(api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: id } } })).catch(() => {
            requestedUsers.delete(id); // Try again on the next render that needs this name.
            return null;
          }),
        ),
      );
      const found = users.filter((user): user is User => user !== null);
      if (found.length) dispatch({ type: "usersLoaded", users: found });
    },

    async loadPresence(userIds: string[]): Promise<void> {
      if (userIds.length === 0) return;
      const { items } = await unwrap(api.GET("/api/v1/presence", { params: { query: { user_ids: userIds.join(",") } } }));
      dispatch({ type: "presenceLoaded", items });
    },

    /** Which conversation the user is looking at: its new messages are read, not unread. */
    select(conversationId: string | null): void {
      dispatch({ type: "conversationOpened", conversationId });
    },

    /** Loads the conversation and its latest page, or the messages around `atSeq` when opened at one. */
    async openConversation(conversationId: string, atSeq?: number): Promise<void> {
      const conversation = await fetchConversation(conversationId);
      dispatch({ type: "conversationLoaded", conversation });
      await (atSeq ? loadAround(conversationId, atSeq) : loadLatest(conversationId));
    },

    loadLatest,

    async loadOlder(conversationId: string, beforeSeq: number): Promise<void> {
      const page = await unwrap(
        api.GET("/api/v1/conversations/{conversation_id}/messages", {
          params: { path: { conversation_id: conversationId }, query: { before: beforeSeq, limit: PAGE_SIZE } },
        }),
      );
      dispatch({ type: "pageLoaded", conversationId, items: page.items, hasMore: page.has_more });
    },

    loadAround,

    async loadNewer(conversationId: string, afterSeq: number): Promise<void> {
      const page = await unwrap(
        api.GET("/api/v1/conversations/{conversation_id}/messages", {
          params: { path: { conversation_id: conversationId }, query: { after: afterSeq, limit: PAGE_SIZE } },
        }),
      );
      dispatch({ type: "newerPageLoaded", conversationId, items: page.items, hasNewer: page.has_more });
    },

    /** Messages of the caller's conversations that match `q`, best match first. */
    async searchMessages(q: string, cursor?: string): Promise<Page<SearchResult>> {
      return unwrap(api.GET("/api/v1/search/messages", { params: { query: { q, cursor, limit: SEARCH_PAGE_SIZE } } }));
    },

    upload,

    /**
     * An upload's bytes, or its thumbnail's (null when it has none: not an image, or not made
     * yet). Fetched with the session's token, which an <img src> or a plain link cannot send.
     */
    async file(uploadId: string, thumbnail = false): Promise<Blob | null> {
      const params = { path: { upload_id: uploadId } };
      const answer = await (thumbnail
        ? api.GET("/api/v1/uploads/{upload_id}/thumbnail", { params, parseAs: "blob" })
        : api.GET("/api/v1/uploads/{upload_id}", { params, parseAs: "blob" }));
      if (thumbnail && answer.response.status === 404) return null;
      return unwrap(Promise.resolve(answer));
    },

    /**
     * Sends optimistically; a retry passes the failed message's client id so it is sent at most
     * once. A reply names its thread's root (`threadRootId`), and waits in that thread.
     */
    async send(
      conversationId: string,
      body: string,
      clientMessageId: string = crypto.randomUUID(),
      threadRootId?: string,
      attachments: Attachment[] = [],
    ): Promise<void> {
      dispatch({ type: "sendStarted", conversationId, threadRootId, clientMessageId, body, attachments });
      try {
        const message = await unwrap(
          api.POST("/api/v1/conversations/{conversation_id}/messages", {
            params: { path: { conversation_id: conversationId } },
            body: {
              client_message_id: clientMessageId,
              body,
              reply_to: threadRootId ?? null,
              attachment_ids: attachments.map((attachment) => attachment.id),
            },
          }),
        );
        dispatch({ type: "messageSaved", message });
      } catch (error) {
        dispatch({ type: "sendFailed", conversationId, threadRootId, clientMessageId });
        throw error;
      }
    },

    /** A thread's latest replies (with its root), or those before `beforeSeq`. */
    async loadThread(conversationId: string, rootId: string, beforeSeq?: number): Promise<void> {
      const page = await unwrap(
        api.GET("/api/v1/conversations/{conversation_id}/threads/{root_id}/messages", {
          params: { path: { conversation_id: conversationId, root_id: rootId }, query: { before: beforeSeq, limit: PAGE_SIZE } },
        }),
      );
      dispatch({ type: "threadPageLoaded", rootId, items: page.items, hasMore: page.has_more });
    },

    /** Adds or takes back our reaction; the counts come back in a `message.reactions_changed` frame. */
    async react(message: Message, emoji: string, add: boolean): Promise<void> {
      const params = { path: { conversation_id: message.conversation_id, message_id: message.id, emoji } };
      const route = "/api/v1/conversations/{conversation_id}/messages/{message_id}/reactions/{emoji}";
      await unwrap(add ? api.PUT(route, { params }) : api.DELETE(route, { params }));
    },

    async loadPins(conversationId: string): Promise<void> {
      const { items } = await unwrap(
        api.GET("/api/v1/conversations/{conversation_id}/pins", { params: { path: { conversation_id: conversationId } } }),
      );
      dispatch({ type: "pinsLoaded", conversationId, items });
    },

    /** Pins or unpins; the list follows from the `message.pinned`/`message.unpinned` frames. */
    async pin(message: Message, pinned: boolean): Promise<void> {
      const params = { path: { conversation_id: message.conversation_id, message_id: message.id } };
      const route = "/api/v1/conversations/{conversation_id}/pins/{message_id}";
      await unwrap(pinned ? api.PUT(route, { params }) : api.DELETE(route, { params }));
    },

    /** The bodies a message had before its edits, oldest first. */
    async earlierBodies(message: Message): Promise<EarlierBody[]> {
      const { items } = await unwrap(
        api.GET("/api/v1/conversations/{conversation_id}/messages/{message_id}/edits", {
          params: { path: { conversation_id: message.conversation_id, message_id: message.id } },
        }),
      );
      return items;
    },

    async edit(message: Message, body: string): Promise<void> {
      const edited = await unwrap(
        api.PATCH("/api/v1/conversations/{conversation_id}/messages/{message_id}", {
          params: { path: { conversation_id: message.conversation_id, message_id: message.id } },
          body: { body },
        }),
      );
      dispatch({ type: "messageUpdated", message: edited });
    },

    async remove(message: Message): Promise<void> {
      await unwrap(
        api.DELETE("/api/v1/conversations/{conversation_id}/messages/{message_id}", {
          params: { path: { conversation_id: message.conversation_id, message_id: message.id } },
        }),
      );
      // The answer is empty; the tombstone is what the server now holds, without its files.
      dispatch({ type: "messageUpdated", message: { ...message, body: "", deleted: true, attachments: [] } });
    },

    async markRead(conversationId: string, seq: number): Promise<void> {
      await unwrap(
        api.POST("/api/v1/conversations/{conversation_id}/read", {
          params: { path: { conversation_id: conversationId } },
          body: { seq },
        }),
      );
      dispatch({ type: "readPosted", conversationId, seq });
    },

    async setMuted(conversationId: string, muted: boolean): Promise<void> {
      const preference = await unwrap(
        api.PUT("/api/v1/notifications/preferences/{conversation_id}", {
          params: { path: { conversation_id: conversationId } },
          body: { muted },
        }),
      );
      dispatch({ type: "muteChanged", conversationId, muted: preference.muted });
    },

    async searchUsers(prefix: string): Promise<User[]> {
      const { items } = await unwrap(api.GET("/api/v1/users", { params: { query: { q: prefix, limit: 10 } } }));
      dispatch({ type: "usersLoaded", users: items });
      return items;
    },

    async openDirect(userId: string): Promise<string> {
      const conversation = await unwrap(api.POST("/api/v1/conversations/direct", { body: { user_id: userId } }));
      dispatch({ type: "conversationLoaded", conversation });
      return conversation.id;
    },

    /** Creates the group and waits until messaging knows its conversation, so opening it works. */
    async createGroup(name: string, memberIds: string[]): Promise<string> {
      const group = groupChanged(await unwrap(api.POST("/api/v1/groups", { body: { name, member_ids: memberIds } })));
      try {
        dispatch({ type: "conversationLoaded", conversation: await fetchConversation(group.id) });
      } catch {
        throw new Error("The group was created, but its conversation is not ready yet. Try again in a moment.");
      }
      return group.id;
    },

    async renameGroup(groupId: string, name: string): Promise<void> {
      groupChanged(await unwrap(api.PATCH("/api/v1/groups/{group_id}", { params: { path: { group_id: groupId } }, body: { name } })));
    },

    async addMember(groupId: string, userId: string): Promise<void> {
      groupChanged(
        await unwrap(api.POST("/api/v1/groups/{group_id}/members", { params: { path: { group_id: groupId } }, body: { user_id: userId, role: "member" } })),
      );
    },

    async setRole(groupId: string, userId: string, role: "member" | "admin"): Promise<void> {
      groupChanged(
        await unwrap(
          api.PATCH("/api/v1/groups/{group_id}/members/{user_id}", {
            params: { path: { group_id: groupId, user_id: userId } },
            body: { role },
          }),
        ),
      );
    },

    /** Removes someone, or leaves when `userId` is the caller (then the group is gone for us). */
    async removeMember(groupId: string, userId: string, me: string): Promise<void> {
      await unwrap(
        api.DELETE("/api/v1/groups/{group_id}/members/{user_id}", { params: { path: { group_id: groupId, user_id: userId } } }),
      );
      if (userId === me) dispatch({ type: "groupLeft", groupId });
      else await loadGroup(groupId);
    },

    /** The group goes; its conversation stays, closed, so the list is reloaded rather than edited. */
    async deleteGroup(groupId: string): Promise<void> {
      await unwrap(api.DELETE("/api/v1/groups/{group_id}", { params: { path: { group_id: groupId } } }));
      await Promise.all([loadGroups(), loadSummaries()]);
    },

    async readNotification(notificationId: string): Promise<void> {
      await unwrap(api.POST("/api/v1/notifications/{notification_id}/read", { params: { path: { notification_id: notificationId } } }));
      dispatch({ type: "notificationRead", id: notificationId, at: new Date().toISOString() });
    },

    async readAllNotifications(): Promise<void> {
      await unwrap(api.POST("/api/v1/notifications/read-all"));
      dispatch({ type: "notificationsAllRead", at: new Date().toISOString() });
    },
  };
}
