// The background's settings cache (extension/src/lib/settings.js) against a storage change that
// lands while a read is in flight. Run by `node --test tests/unit` (make test's lint step).
import { test } from "node:test";
import assert from "node:assert/strict";

// A stand-in for the extension API: storage.sync answers when the test says so, with what it
// held when it was asked.
const listeners = [];
let syncValue = { settings: "old" };
const pending = [];
globalThis.chrome = {
  runtime: { getURL: (p) => "chrome-extension://test/" + p },
  storage: {
    onChanged: { addListener: (fn) => listeners.push(fn) },
    local: { get: async () => ({}) },
    sync: {
      get: () => {
        const held = { ...syncValue };
        return new Promise((resolve) => pending.push(() => resolve(held)));
      },
    },
  },
};
const core = {
  settingsFromItems: (raw) => ({ ok: true, settings: raw.settings ?? "defaults", stored: "settings" in raw }),
  settingsDefaults: () => "defaults",
};
const { loadSettings } = await import("../../extension/src/lib/settings.js");

const tick = () => new Promise((r) => setTimeout(r, 0));
/** Answers the pending storage.sync read; fails when none comes (the answer came from a cache). */
async function answer() {
  for (let i = 0; !pending.length; i++) {
    if (i > 50) throw new Error("no storage read: served from the cache");
    await tick();
  }
  pending.shift()();
}

test("a read that began before a change does not become the cache after it", async () => {
  const first = loadSettings(core);
  while (!pending.length) await tick(); // the read has asked storage.sync (which holds the old)
  syncValue = { settings: "new" };
  for (const fn of listeners) fn({ settings: { newValue: "new" } }, "sync");
  await answer(); // it answers with what it held before the change...
  assert.equal((await first).settings, "old");
  // ...and the next read goes to storage again, not to a cache of the old settings.
  const next = loadSettings(core);
  const asked = answer();
  assert.equal((await next).settings, "new");
  await asked;
  // Now it is cached: no further storage read.
  assert.equal((await loadSettings(core)).settings, "new");
  assert.equal(pending.length, 0);
});
