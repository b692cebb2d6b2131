/**
 * Who may add the signed-in user to groups: everyone, or only the people who already share a
 * group with them. The server refuses anyone else (403), so the choice protects the user from
 * being put into groups by strangers.
 */
import { unwrap, type Api } from "./client";
import type { GroupSettings } from "./types";

export type WhoCanAddMe = GroupSettings["who_can_add_me"];

/** The choices in the order the screen offers them, each in the words it shows. */
export const WHO_CAN_ADD_ME: readonly { value: WhoCanAddMe; label: string }[] = [
  { value: "everyone", label: "Everyone" },
  { value: "contacts", label: "Only people I share a group with" },
];

export async function loadWhoCanAddMe(api: Api): Promise<WhoCanAddMe> {
  return (await unwrap(api.GET("/api/v1/groups/settings"))).who_can_add_me;
}

/** Resolves to the choice as the server keeps it. */
export async function chooseWhoCanAddMe(api: Api, choice: WhoCanAddMe): Promise<WhoCanAddMe> {
  return (await unwrap(api.PUT("/api/v1/groups/settings", { body: { who_can_add_me: choice } }))).who_can_add_me;
}
