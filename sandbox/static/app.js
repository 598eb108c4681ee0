// The sandbox page: a small Slack client. It draws /sandbox/api/state and turns each gesture
// into one POST to /sandbox/api/<gesture>; the server sends the bot what Slack would send.
"use strict";

(function () {
  const { render, mrkdwn, h } = window.BlockKit;
  const $ = (selector) => document.querySelector(selector);

  const S = {
    workspace: null,
    user: null,
    place: "C0GENERAL", // a channel id, or "app"
    tab: "home", // in the app: "home" or "messages"
    thread: null,
    data: null,
    fetchedAt: 0, // when data came: the clock moves on from it in real time
    seen: {}, // user -> channel -> activity count already seen
    cache: new Map(), // message key -> node
    modal: null, // {key, id, fields}
    homeKey: null,
    busy: false,
    again: false,
  };

  // ------------------------------------------------------------------ server

  async function api(gesture, body) {
    try {
      const response = await fetch(`/sandbox/api/${gesture}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user: S.user, ...body }),
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok || answer.ok === false) toast(answer.error || `HTTP ${response.status}`);
      return answer;
    } catch (error) {
      toast(`The sandbox did not answer: ${error}`);
      return { ok: false };
    } finally {
      refresh();
    }
  }

  // A file picked in a modal's file field: its bytes to Slack (the emulator), which describes it
  // as the submission will carry it. Not through api(): the modal must not be redrawn meanwhile.
  async function uploadFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    const response = await fetch("/sandbox/api/upload", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user: S.user, name: file.name, content: btoa(binary) }),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.ok) {
      toast(answer.error || `The file was not uploaded (HTTP ${response.status})`);
      return null;
    }
    return answer.file;
  }

  // The options of a menu the app fills (external_select): Slack's block_suggestion, asked as
  // the person types. Not through api(): the modal must not be redrawn meanwhile.
  async function suggestOptions(viewId, actionId, typed) {
    const response = await fetch("/sandbox/api/suggest", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user: S.user, view_id: viewId, action_id: actionId, value: typed }),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.ok) {
      toast(answer.error || `The menu's options did not load (HTTP ${response.status})`);
      return {};
    }
    return answer;
  }

  async function refresh() {
    if (S.busy) { S.again = true; return; }
    S.busy = true;
    try {
      do {
        S.again = false;
        const query = new URLSearchParams({ user: S.user, channel: currentChannel() || "" });
        if (S.thread) query.set("thread", S.thread);
        const response = await fetch(`/sandbox/api/state?${query}`);
        if (!response.ok) {
          S.user = S.workspace.people[0].id;
          S.place = "C0GENERAL";
          S.again = true;
          continue;
        }
        S.data = await response.json();
        S.fetchedAt = Date.now();
        draw();
      } while (S.again);
    } finally {
      S.busy = false;
    }
  }

  // ------------------------------------------------------------------ helpers

  // The language of the person the page is (their Slack's locale): Slack's own words in forms.
  function viewerLanguage() {
    return (person(S.user).locale || "en").slice(0, 2);
  }

  function person(id) {
    if (id === S.workspace.bot.id) return { id, name: S.workspace.bot.name };
    return S.workspace.people.find((p) => p.id === id) || { id, name: id };
  }

  function channel(id) {
    return S.workspace.channels.find((c) => c.id === id);
  }

  function currentChannel() {
    if (S.place !== "app") return S.place;
    return S.tab === "messages" ? `D${S.user}` : null;
  }

  const names = {
    userName: (id) => person(id).name,
    channelName: (id) => (channel(id) ? channel(id).name : id.startsWith("D") ? "direct" : id),
  };

  function toast(message) {
    const node = h("div", { class: "toast" }, message);
    $("#toasts").append(node);
    setTimeout(() => node.remove(), 6000);
  }

  function timeOf(ts) {
    return new Date(Number(ts) * 1000)
      .toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function avatar(id, bot) {
    if (bot) return h("div", { class: "avatar bot" }, "🎫");
    const name = person(id).name;
    const initials = name.split(/\s+/).map((w) => w[0]).join("").slice(0, 2).toUpperCase();
    let hue = 0;
    for (const c of id) hue = (hue * 31 + c.charCodeAt(0)) % 360;
    return h("div", { class: "avatar", style: `background: hsl(${hue} 45% 45%)` }, initials);
  }

  function emoji(name) {
    const node = h("span", { class: "emoji-label" });
    node.innerHTML = BlockKit.emojify(`:${BlockKit.esc(name)}:`);
    return node;
  }

  function confirmDialog(confirm) {
    return new Promise((resolve) => {
      const done = (answer) => { layer.remove(); resolve(answer); };
      const layer = h("div", { class: "modal-backdrop confirm" },
        h("div", { class: "modal small", role: "alertdialog" },
          h("div", { class: "modal-header" }, BlockKit.plain(confirm.title) || "Are you sure?"),
          h("div", { class: "modal-body" }, BlockKit.textNode(confirm.text, names)),
          h("div", { class: "modal-footer" },
            h("button", { type: "button", onclick: () => done(false) },
              BlockKit.plain(confirm.deny) || "Cancel"),
            h("button", { type: "button", class: confirm.style === "danger" ? "danger" : "primary",
              onclick: () => done(true) }, BlockKit.plain(confirm.confirm) || "Yes"))));
      document.body.append(layer);
    });
  }

  function collect(fields) {
    const values = {};
    for (const [blockId, actions] of fields) {
      values[blockId] = {};
      for (const [actionId, field] of actions) values[blockId][actionId] = field();
    }
    return values;
  }

  // ------------------------------------------------------------------ drawing

  // The bot's clock: as the last state said, and with "real time" on, moving on between states.
  function drawClock() {
    const data = S.data;
    if (!data) return;
    const elapsed = data.real_time ? Date.now() - S.fetchedAt : 0;
    $("#clock").textContent = new Date(Date.parse(data.clock) + elapsed).toLocaleString("en-GB", {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    });
    $("#real-time").checked = Boolean(data.real_time);
  }

  function draw() {
    const data = S.data;
    drawClock();
    const here = currentChannel();
    if (here) (S.seen[S.user] ||= {})[here] = data.activity[here] || 0;
    drawSidebar();
    drawHeader();
    const app = S.place === "app";
    $("#tabs").hidden = !app;
    $("#tab-home").classList.toggle("active", app && S.tab === "home");
    $("#tab-messages").classList.toggle("active", app && S.tab === "messages");
    const home = app && S.tab === "home";
    $("#home").hidden = !home;
    $("#messages").hidden = home;
    $("#composer-area").hidden = home;
    if (home) drawHome(); else { drawMessages(); drawComposer(); }
    drawThread();
    drawModal();
  }

  function unread(channelId) {
    if (!S.data.joined.includes(channelId)) return 0; // Slack counts only channels you are in
    const seen = (S.seen[S.user] || {})[channelId] || 0;
    return Math.max(0, (S.data.activity[channelId] || 0) - seen);
  }

  function sidebarItem(place, label, count, title, member) {
    const active = S.place === place;
    return h("li", {}, h("a", {
      href: "#", "data-place": place, title,
      class: `${active ? "active" : ""} ${count ? "unread" : ""} ${member ? "" : "not-member"}`,
      onclick: (event) => { event.preventDefault(); go(place); },
    }, label, count ? h("span", { class: "badge" }, String(count)) : null));
  }

  function drawSidebar() {
    $("#channels").replaceChildren(...S.workspace.channels.map((c) =>
      sidebarItem(c.id, `# ${c.name}`, S.place === c.id ? 0 : unread(c.id),
        c.service_name || "", S.data.joined.includes(c.id))));
    const dm = `D${S.user}`;
    const dmUnread = S.place === "app" && S.tab === "messages" ? 0 : unread(dm);
    $("#apps").replaceChildren(
      sidebarItem("app", `🎫 ${S.workspace.bot.name}`, dmUnread, "Home and messages", true));
  }

  function drawHeader() {
    const c = S.place === "app" ? null : channel(S.place);
    const title = c ? `# ${c.name}` : `🎫 ${S.workspace.bot.name}`;
    const about = c ? c.service_name || "Everybody" : "Your helpdesk app";
    $("#conversation-header").replaceChildren(
      h("strong", {}, title), h("span", { class: "about" }, about));
  }

  function messageNode(message, inThread) {
    const bot = Boolean(message.bot_id);
    const channelId = currentChannel();
    const ctx = {
      ...names,
      people: S.workspace.people, lang: viewerLanguage(),
      confirm: confirmDialog,
      act: (element, block, value) => api("action", {
        channel: channelId, ts: message.ts, action_id: element.action_id,
        block_id: block.block_id, value,
      }),
    };
    const content = message.blocks && message.blocks.length
      ? render(message.blocks, ctx)
      : h("div", { class: "mrkdwn" });
    if (!(message.blocks && message.blocks.length)) content.innerHTML = mrkdwn(message.text, names);
    const reaction = S.workspace.reaction;
    const tools = message.ephemeral ? null : h("div", { class: "message-tools" },
      h("button", { type: "button", class: "tool react", title: `Add the :${reaction}: reaction`,
        onclick: () => api("react", { channel: channelId, ts: message.ts, name: reaction }) },
      emoji(reaction)),
      inThread ? null : h("button", { type: "button", class: "tool reply", title: "Reply in thread",
        onclick: () => { S.thread = message.ts; refresh(); } }, "💬"),
      shortcutMenu("message", (callbackId) =>
        api("shortcut", { callback_id: callbackId, channel: channelId, ts: message.ts })));
    const reactions = (message.reactions || []).map((r) => h("button", {
      type: "button", class: `reaction ${r.mine ? "mine" : ""}`, title: `:${r.name}:`,
      onclick: () => api("react", { channel: channelId, ts: message.ts, name: r.name }),
    }, emoji(r.name), ` ${r.count}`));
    return h("div", {
      class: `message ${message.ephemeral ? "ephemeral" : ""}`, "data-ts": message.ts,
      "data-user": message.user || "",
    },
    avatar(message.user || "", bot),
    h("div", { class: "message-body" },
      h("div", { class: "meta" },
        h("span", { class: "author" }, person(message.user).name),
        bot ? h("span", { class: "app-badge" }, "APP") : null,
        h("time", {}, timeOf(message.ts)),
        message.edited ? h("span", { class: "edited" }, "(edited)") : null),
      content,
      sharedFiles(message.files),
      message.ephemeral ? h("div", { class: "ephemeral-note" }, "👁 Only visible to you · ",
        h("button", { type: "button", class: "dismiss",
          onclick: () => api("dismiss", { channel: channelId, ts: message.ts }) },
        "Dismiss message")) : null,
      reactions.length ? h("div", { class: "reactions" }, reactions) : null,
      !inThread && message.reply_count ? h("button", { type: "button", class: "replies",
        onclick: () => { S.thread = message.ts; refresh(); } },
      `${message.reply_count} ${message.reply_count === 1 ? "reply" : "replies"}`) : null),
    tools);
  }

  // The files a message shares (an export, a chart): a card each, downloadable from the sandbox.
  function sharedFiles(files) {
    if (!files || !files.length) return null;
    return h("div", { class: "files" }, files.map((file) => h("div", { class: "file" },
      h("span", { class: "file-icon" }, file.mimetype === "image/png" ? "🖼" : "📄"),
      h("div", { class: "file-info" },
        h("a", { class: "file-name", download: file.name,
          href: `/sandbox/api/file/${encodeURIComponent(file.id)}?user=${encodeURIComponent(S.user)}`,
        }, file.title || file.name),
        h("span", { class: "file-meta" }, `${file.name} · ${fileSize(file.size)}`)))));
  }

  function fileSize(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function shortcutMenu(type, run) {
    const found = S.workspace.shortcuts.filter((s) => s.type === type);
    if (!found.length) return null;
    const menu = h("div", { class: "bk-overflow-menu", hidden: true }, found.map((s) =>
      h("button", { type: "button", "data-callback-id": s.callback_id,
        onclick: () => { menu.hidden = true; run(s.callback_id); } }, s.name)));
    return h("span", { class: "bk-overflow-wrap" },
      h("button", { type: "button", class: `tool shortcuts-${type}`, title: "Shortcuts",
        onclick: () => { menu.hidden = !menu.hidden; } }, type === "global" ? "⚡" : "⋯"),
      menu);
  }

  function drawList(container, messages, inThread) {
    const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
    const before = container.childElementCount;
    const nodes = messages.map((m) => {
      const key = `${S.user}|${currentChannel()}|${inThread}|${JSON.stringify(m)}`;
      let node = S.cache.get(key);
      if (!node) { node = messageNode(m, inThread); S.cache.set(key, node); }
      return node;
    });
    if (S.cache.size > 2000) S.cache.clear();
    const same = nodes.length === container.childElementCount
      && nodes.every((n, i) => container.children[i] === n);
    if (!same) container.replaceChildren(...nodes);
    if (atBottom || nodes.length > before) container.scrollTop = container.scrollHeight;
  }

  function drawMessages() {
    const messages = S.data.messages;
    const list = $("#messages");
    if (!messages.length) {
      list.replaceChildren(h("div", { class: "empty" }, S.place === "app"
        ? "No messages yet. Guichet writes to you here."
        : S.data.channel.is_member ? "No messages yet. Type /ticket below to file a ticket."
          : "No messages yet."));
      return;
    }
    if (list.querySelector(".empty")) list.replaceChildren();
    drawList(list, messages, false);
  }

  function composer(threadTs) {
    const info = S.data.channel;
    if (info && !info.is_member) {
      return h("div", { class: "join-bar" }, `You are not in #${info.name}. `,
        h("button", { type: "button", id: "join", class: "primary",
          onclick: () => api("join", { channel: info.id }) }, "Join channel"));
    }
    const where = info && info.is_im ? S.workspace.bot.name : `#${info ? info.name : ""}`;
    const field = h("textarea", { rows: 1, class: "composer-input",
      placeholder: threadTs ? "Reply…" : `Message ${where} — type /ticket to file a ticket` });
    const send = async () => {
      const text = field.value.trim();
      if (!text) return;
      field.value = "";
      if (text.startsWith("/")) await api("command", { channel: info.id, text });
      else await api("message", { channel: info.id, text, thread_ts: threadTs });
    };
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); send(); }
    });
    return h("form", { class: "composer", onsubmit: (e) => { e.preventDefault(); send(); } },
      field,
      threadTs ? null : shortcutMenu("global", (callbackId) =>
        api("shortcut", { callback_id: callbackId })),
      h("button", { type: "submit", class: "primary send" }, "Send"));
  }

  function drawComposer() {
    const area = $("#composer-area");
    const info = S.data.channel;
    const key = `${S.user}|${info && info.id}|${info && info.is_member}`;
    if (area.dataset.key === key) return; // keep what is being typed
    area.dataset.key = key;
    area.replaceChildren(composer(null));
  }

  function drawThread() {
    const pane = $("#thread");
    const thread = S.data.thread;
    pane.hidden = !thread;
    if (!thread) { S.thread = null; return; }
    drawList($("#thread-messages"), thread.messages, true);
    const area = $("#thread-composer-area");
    const key = `${S.user}|${thread.ts}`;
    if (area.dataset.key !== key) {
      area.dataset.key = key;
      area.replaceChildren(composer(thread.ts));
    }
  }

  function drawHome() {
    const view = S.data.home;
    const home = $("#home");
    const key = `${S.user}|${view ? view.id + view.hash : "none"}`;
    if (S.homeKey === key) return;
    S.homeKey = key;
    if (!view) {
      home.replaceChildren(h("div", { class: "empty" },
        `${S.workspace.bot.name} has not published a Home tab for you (yet).`));
      return;
    }
    const fields = new Map();
    const ctx = {
      ...names, people: S.workspace.people, lang: viewerLanguage(), fields, confirm: confirmDialog,
      act: (element, block, value) => api("action", {
        view_id: view.id, action_id: element.action_id, block_id: block.block_id, value,
        values: collect(fields),
      }),
    };
    home.replaceChildren(h("div", { class: "home-view", "data-view-id": view.id },
      render(view.blocks, ctx)));
  }

  function drawModal() {
    const layer = $("#modal-layer");
    const modal = S.data.modal;
    if (!modal) { S.modal = null; layer.replaceChildren(); return; }
    const view = modal.view;
    const key = `${S.user}|${view.id}|${view.hash}`;
    if (!S.modal || S.modal.key !== key) {
      const previous = S.modal && S.modal.id === view.id ? collect(S.modal.fields) : null;
      const fields = new Map();
      const ctx = {
        ...names, people: S.workspace.people, lang: viewerLanguage(), fields, confirm: confirmDialog,
        act: (element, block, value) => api("action", {
          view_id: view.id, action_id: element.action_id, block_id: block.block_id, value,
          values: collect(fields),
        }),
        upload: uploadFile,
        suggest: (element, typed) => suggestOptions(view.id, element.action_id, typed),
      };
      const submit = async (event) => {
        event.preventDefault();
        const button = layer.querySelector(".modal-submit");
        if (button) button.disabled = true;
        await api("submit", { view_id: view.id, values: collect(fields) });
        if (button) button.disabled = false;
      };
      const close = () => api("close", { view_id: view.id });
      const dialog = h("form", { class: "modal", role: "dialog", "data-view-id": view.id,
        "data-callback-id": view.callback_id || "", onsubmit: submit },
      h("div", { class: "modal-header" },
        h("span", { class: "modal-title" }, BlockKit.plain(view.title)),
        h("button", { type: "button", class: "modal-x", title: "Close", onclick: close }, "✕")),
      h("div", { class: "modal-problem", role: "alert", hidden: true }),
      h("div", { class: "modal-body" }, render(view.blocks, ctx)),
      h("div", { class: "modal-footer" },
        h("button", { type: "button", class: "modal-close", onclick: close },
          BlockKit.plain(view.close) || "Cancel"),
        view.submit ? h("button", { type: "submit", class: "modal-submit primary" },
          BlockKit.plain(view.submit)) : null));
      layer.replaceChildren(h("div", { class: "modal-backdrop" }, dialog));
      S.modal = { key, id: view.id, fields };
      if (previous) restore(dialog, previous);
    }
    showErrors(layer, modal.errors || {}, modal.problem);
  }

  // Slack keeps what was typed when a view is updated (same block and action ids).
  function restore(dialog, values) {
    for (const [blockId, actions] of Object.entries(values)) {
      for (const [actionId, value] of Object.entries(actions)) {
        const node = dialog.querySelector(
          `[data-block-id="${CSS.escape(blockId)}"] [data-action-id="${CSS.escape(actionId)}"]`);
        if (!node || value == null) continue;
        if (node.matches("input, textarea")) node.value = value;
        else if (node.matches("select")) {
          const chosen = [].concat(value);
          for (const option of node.options) option.selected = chosen.includes(option.value);
        } else {
          const chosen = [].concat(value);
          for (const box of node.querySelectorAll("input")) box.checked = chosen.includes(box.value);
        }
      }
    }
  }

  function showErrors(layer, errors, problem) {
    for (const old of layer.querySelectorAll(".bk-error")) old.remove();
    for (const block of layer.querySelectorAll(".bk-input-block")) {
      const message = errors[block.dataset.blockId];
      block.classList.toggle("has-error", Boolean(message));
      if (message) block.append(h("div", { class: "bk-error", role: "alert" }, message));
    }
    const box = layer.querySelector(".modal-problem");
    if (box) { box.hidden = !problem; box.textContent = problem || ""; }
  }

  // ------------------------------------------------------------------ navigation

  function go(place) {
    S.place = place;
    S.thread = null;
    if (place === "app") api("app", { tab: S.tab });
    save();
    refresh();
  }

  function save() {
    const where = S.place === "app" ? `app/${S.tab}` : S.place;
    history.replaceState(null, "", `#${S.user}/${where}`);
  }

  function load() {
    const [user, place, tab] = location.hash.slice(1).split("/");
    const people = S.workspace.people;
    S.user = people.some((p) => p.id === user) ? user : people[0].id;
    S.place = place === "app" || channel(place) ? place : "C0GENERAL";
    if (tab === "home" || tab === "messages") S.tab = tab;
  }

  async function start() {
    S.workspace = await (await fetch("/sandbox/api/workspace")).json();
    load();
    const select = $("#you-are");
    select.replaceChildren(...S.workspace.people.map((p) =>
      h("option", { value: p.id }, p.title ? `${p.name} — ${p.title}` : p.name)));
    select.value = S.user;
    select.addEventListener("change", () => {
      S.user = select.value;
      S.thread = null;
      S.homeKey = null;
      S.modal = null;
      save();
      if (S.place === "app") api("app", { tab: S.tab }); else refresh();
    });
    $("#real-time").addEventListener("change", (event) =>
      api("real_time", { on: event.target.checked }));
    setInterval(drawClock, 1000);
    for (const button of document.querySelectorAll("[data-minutes]")) {
      button.addEventListener("click", () =>
        api("clock", { minutes: Number(button.dataset.minutes) }));
    }
    for (const tab of document.querySelectorAll(".tab")) {
      tab.addEventListener("click", () => {
        S.tab = tab.dataset.tab;
        S.homeKey = null;
        save();
        api("app", { tab: S.tab });
      });
    }
    $("#thread-close").addEventListener("click", () => { S.thread = null; refresh(); });
    document.addEventListener("click", (event) => {
      for (const menu of document.querySelectorAll(".bk-overflow-menu:not([hidden])")) {
        if (!menu.parentElement.contains(event.target)) menu.hidden = true;
      }
    });
    save();
    if (S.place === "app") api("app", { tab: S.tab }); else refresh();
    const stream = new EventSource("/sandbox/api/stream");
    stream.onmessage = () => refresh();
  }

  window.Sandbox = { state: S, refresh };
  start();
})();
