// Block Kit and mrkdwn, drawn as Slack draws them (the common parts), with no library.
// BlockKit.render(blocks, ctx) returns a DOM node. ctx gives names and takes the gestures:
//   ctx.userName(id), ctx.channelName(id), ctx.people -> [{id, name}],
//   ctx.act(element, block, value) for buttons, selects, overflow menus... outside inputs,
//   ctx.fields (modal/home): a Map block_id -> Map action_id -> () => value, filled here,
//   ctx.errors: {block_id: message} shown under inputs, ctx.confirm(confirmObject) -> Promise<bool>.
"use strict";

(function () {
  const EMOJI = {
    ticket: "🎫", incoming_envelope: "📨", envelope: "✉️", rotating_light: "🚨", white_check_mark: "✅", heavy_check_mark: "✔️",
    warning: "⚠️", x: "❌", wave: "👋", eyes: "👀", bell: "🔔", fire: "🔥", sos: "🆘",
    hourglass: "⌛", hourglass_flowing_sand: "⏳", alarm_clock: "⏰", stopwatch: "⏱️",
    memo: "📝", pencil: "📝", pencil2: "✏️", inbox_tray: "📥", outbox_tray: "📤",
    speech_balloon: "💬", lock: "🔒", key: "🔑", computer: "💻", wrench: "🔧", gear: "⚙️",
    "+1": "👍", thumbsup: "👍", "-1": "👎", thumbsdown: "👎", star: "⭐", tada: "🎉",
    large_green_circle: "🟢", large_yellow_circle: "🟡", large_orange_circle: "🟠",
    red_circle: "🔴", large_blue_circle: "🔵", white_circle: "⚪", black_circle: "⚫",
    arrow_right: "➡️", arrow_up: "⬆️", arrow_down: "⬇️", information_source: "ℹ️",
    question: "❓", exclamation: "❗", bulb: "💡", link: "🔗", calendar: "📅", date: "📅",
    bust_in_silhouette: "👤", busts_in_silhouette: "👥", pushpin: "📌", rocket: "🚀",
    sparkles: "✨", books: "📚", mag: "🔍", arrows_counterclockwise: "🔄", no_entry: "⛔",
    no_entry_sign: "🚫", construction: "🚧", shield: "🛡️", globe_with_meridians: "🌐",
    house: "🏠", pray: "🙏", raised_hands: "🙌", ok_hand: "👌", smile: "😄",
    slightly_smiling_face: "🙂", disappointed: "😞", envelope: "✉️", email: "📧",
    telephone_receiver: "📞", pager: "📟", bellhop_bell: "🛎️", clipboard: "📋",
    package: "📦", zap: "⚡", new: "🆕", repeat: "🔁", lock_with_ink_pen: "🔏",
    hammer_and_wrench: "🛠️", chart_with_upwards_trend: "📈", bar_chart: "📊",
    heavy_plus_sign: "➕", heavy_minus_sign: "➖", point_right: "👉", star2: "🌟",
  };

  function esc(text) {
    return String(text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // Slack escapes & < > in message text; undo that before escaping for HTML.
  function unent(text) {
    return String(text).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  function emojify(html) {
    return html.replace(/:([a-z0-9_+\-]+):/g, (whole, name) =>
      EMOJI[name] ? `<span class="emoji" title=":${name}:">${EMOJI[name]}</span>` : whole);
  }

  function angle(inner, ctx) {
    const bar = inner.indexOf("|");
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? unent(inner.slice(bar + 1)) : "";
    if (target.startsWith("@")) {
      const name = label || ctx.userName(target.slice(1));
      return `<span class="mention">@${esc(name)}</span>`;
    }
    if (target.startsWith("#")) {
      const name = label || ctx.channelName(target.slice(1));
      return `<span class="mention">#${esc(name)}</span>`;
    }
    if (target.startsWith("!")) {
      const special = target.slice(1).split("^")[0];
      if (["here", "channel", "everyone"].includes(special)) {
        return `<span class="mention">@${special}</span>`;
      }
      if (special === "date") {
        const seconds = Number(target.split("^")[1]);
        const when = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : "";
        return `<time title="${esc(when)}">${esc(label)}</time>`;
      }
      return esc(label || special);
    }
    const url = unent(target);
    if (/^(https?:|mailto:)/i.test(url)) {
      return `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(label || url)}</a>`;
    }
    return esc(label || url);
  }

  // mrkdwn -> HTML: code, <links|mentions|dates>, *bold*, _italics_, ~strike~, > quotes, emoji.
  function mrkdwn(text, ctx) {
    const kept = [];
    const keep = (html) => `\u0000${kept.push(html) - 1}\u0001`;
    let s = String(text == null ? "" : text);
    s = s.replace(/```([\s\S]*?)```/g, (_, code) => keep(`<pre>${esc(unent(code))}</pre>`));
    s = s.replace(/`([^`\n]+)`/g, (_, code) => keep(`<code>${esc(unent(code))}</code>`));
    s = s.replace(/<([^<>\n]+)>/g, (_, inner) => keep(angle(inner, ctx)));
    s = esc(unent(s));
    s = s.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S|\S)\*(?!\w)/g, "$1<b>$2</b>");
    s = s.replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S|\S)_(?!\w)/g, "$1<i>$2</i>");
    s = s.replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S|\S)~(?!\w)/g, "$1<s>$2</s>");
    s = s.split("\n").map((line) =>
      line.startsWith("&gt; ") ? `<blockquote>${line.slice(5)}</blockquote>` : line,
    ).join("\n");
    s = emojify(s).replace(/\n/g, "<br>");
    return s.replace(/\u0000(\d+)\u0001/g, (_, i) => kept[Number(i)]);
  }

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child == null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // A text object (plain_text or mrkdwn) as a node.
  function textNode(object, ctx, cls) {
    const node = h("span", { class: cls || null });
    if (!object) return node;
    if (object.type === "mrkdwn") {
      node.classList.add("mrkdwn");
      node.innerHTML = mrkdwn(object.text, ctx);
    } else {
      node.innerHTML = object.emoji === false ? esc(object.text) : emojify(esc(object.text));
    }
    return node;
  }

  function plain(object) {
    return object ? String(object.text || "") : "";
  }

  function options(element) {
    const found = [...(element.options || [])];
    for (const group of element.option_groups || []) found.push(...(group.options || []));
    return found;
  }

  function selectOptions(element, selected) {
    const list = [];
    const option = (o) => h("option", { value: o.value, selected: selected.includes(o.value) },
      plain(o.text));
    if (element.option_groups) {
      for (const group of element.option_groups) {
        list.push(h("optgroup", { label: plain(group.label) }, (group.options || []).map(option)));
      }
    } else {
      list.push(...(element.options || []).map(option));
    }
    return list;
  }

  // A menu whose options the app gives as the person types (Slack's block_suggestion): a search
  // box above it; the options asked again when what is typed changes.
  function externalSelect(el, block, ctx, ids, dispatch, placeholder) {
    const chosen = el.initial_option ? [el.initial_option.value] : [];
    const select = h("select", { ...ids, class: "bk-select" });
    const fill = (answer) => {
      const first = h("option", { value: "", disabled: true, selected: !chosen.length },
        placeholder || (ctx.lang === "fr" ? "Choisir une option" : "Select an option"));
      const known = el.initial_option ? [el.initial_option] : [];
      const listed = answer.option_groups || answer.options ? selectOptions(answer, chosen)
        : selectOptions({ options: known }, chosen);
      select.replaceChildren(first, ...listed);
    };
    fill({});
    const min = el.min_query_length ?? 3;
    let asked = 0;
    const load = async (typed) => {
      if (typed.length < min) return;
      const turn = ++asked;
      const answer = await ctx.suggest(el, typed);
      if (turn === asked) fill(answer);
    };
    const search = h("input", { class: "bk-input bk-search", type: "search",
      "data-suggest-for": el.action_id || null,
      placeholder: ctx.lang === "fr" ? "Tapez pour chercher" : "Type to search" });
    let timer = null;
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => load(search.value), 200);
    });
    load("");
    const read = () => select.value || null;
    if (ctx.fields) register(ctx, block, el, read);
    if (dispatch) select.addEventListener("change", () => act(ctx, el, block, read()));
    return h("div", { class: "bk-external-select" }, search, select);
  }

  function register(ctx, block, element, read) {
    if (!ctx.fields || !block.block_id || !element.action_id) return;
    if (!ctx.fields.has(block.block_id)) ctx.fields.set(block.block_id, new Map());
    ctx.fields.get(block.block_id).set(element.action_id, read);
  }

  async function act(ctx, element, block, value) {
    if (element.confirm && !(await ctx.confirm(element.confirm))) return;
    ctx.act(element, block, value);
  }

  // An element; `input` is true inside an input block (its value goes with the submission).
  function element(el, block, ctx, input) {
    const ids = { "data-action-id": el.action_id || null, "data-block-id": block.block_id || null };
    const dispatch = !input || block.dispatch_action;
    const placeholder = plain(el.placeholder);
    switch (el.type) {
      case "button": {
        const cls = `bk-button${el.style ? " " + el.style : ""}`;
        return h("button", { ...ids, class: cls, type: "button", onclick: () => {
          if (el.url) window.open(el.url, "_blank", "noopener");
          act(ctx, el, block, el.value);
        } }, textNode(el.text, ctx));
      }
      case "external_select":
        if (ctx.suggest) return externalSelect(el, block, ctx, ids, dispatch, placeholder);
      // falls through: no options to ask for (a message), drawn as a plain menu
      case "static_select":
      case "users_select":
      case "conversations_select":
      case "channels_select":
      case "multi_static_select":
      case "multi_users_select": {
        const multi = el.type.startsWith("multi_");
        const users = el.type.endsWith("users_select");
        let selected = [];
        if (el.initial_option) selected = [el.initial_option.value];
        if (el.initial_options) selected = el.initial_options.map((o) => o.value);
        if (el.initial_user) selected = [el.initial_user];
        if (el.initial_users) selected = [...el.initial_users];
        const items = users
          ? ctx.people.map((p) => h("option", { value: p.id, selected: selected.includes(p.id) },
            p.name))
          : selectOptions(el, selected);
        const select = h("select", { ...ids, class: "bk-select", multiple: multi },
          multi ? null : h("option", { value: "", disabled: true, selected: !selected.length },
            placeholder || (ctx.lang === "fr" ? "Choisir une option" : "Select an option")),
          items);
        const read = () => {
          const chosen = [...select.selectedOptions].map((o) => o.value).filter(Boolean);
          return multi ? chosen : (chosen[0] || null);
        };
        if (input || ctx.fields) register(ctx, block, el, read);
        if (dispatch) select.addEventListener("change", () => act(ctx, el, block, read()));
        return select;
      }
      case "overflow": {
        const menu = h("div", { class: "bk-overflow-menu", hidden: true },
          options(el).map((o) => h("button", { type: "button", "data-value": o.value,
            onclick: () => { menu.hidden = true; act(ctx, el, block, o.value); } },
          plain(o.text))));
        const toggle = h("button", { ...ids, type: "button", class: "bk-button bk-overflow",
          title: "More", onclick: () => { menu.hidden = !menu.hidden; } }, "⋯");
        return h("span", { class: "bk-overflow-wrap" }, toggle, menu);
      }
      case "radio_buttons":
      case "checkboxes": {
        const radio = el.type === "radio_buttons";
        const name = `${block.block_id}/${el.action_id}/${Math.random().toString(36).slice(2)}`;
        const initial = radio ? [el.initial_option && el.initial_option.value]
          : (el.initial_options || []).map((o) => o.value);
        const boxes = [];
        const group = h("div", { ...ids, class: "bk-choices" }, options(el).map((o) => {
          const box = h("input", { type: radio ? "radio" : "checkbox", name, value: o.value,
            checked: initial.includes(o.value) });
          boxes.push(box);
          return h("label", { class: "bk-choice" }, box,
            h("span", {}, textNode(o.text, ctx),
              o.description ? h("small", {}, textNode(o.description, ctx)) : null));
        }));
        const read = () => {
          const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
          return radio ? (chosen[0] || null) : chosen;
        };
        if (input || ctx.fields) register(ctx, block, el, read);
        if (dispatch) group.addEventListener("change", () => act(ctx, el, block, read()));
        return group;
      }
      case "plain_text_input":
      case "number_input":
      case "email_text_input":
      case "url_text_input":
      case "datepicker":
      case "timepicker": {
        const kind = { number_input: "number", email_text_input: "email", url_text_input: "url",
          datepicker: "date", timepicker: "time" }[el.type] || "text";
        const initial = el.initial_value ?? el.initial_date ?? el.initial_time ?? "";
        const field = el.multiline
          ? h("textarea", { ...ids, class: "bk-input", rows: 4, placeholder })
          : h("input", { ...ids, class: "bk-input", type: kind, placeholder });
        field.value = initial;
        if (el.max_length) field.maxLength = el.max_length;
        const read = () => (field.value === "" ? null : field.value);
        register(ctx, block, el, read);
        if (block.dispatch_action) {
          field.addEventListener("keydown", (event) => {
            if (event.key === "Enter" && !el.multiline) act(ctx, el, block, read());
          });
        }
        return field;
      }
      case "file_input": {
        // Slack's file field: the files go to Slack when picked; the submission names them.
        let files = [];
        const max = el.max_files || 10;
        const accept = (el.filetypes || []).map((type) => `.${type}`).join(",");
        const list = h("ul", { class: "bk-files" });
        const picker = h("input", { ...ids, class: "bk-file-input", type: "file",
          multiple: max > 1, accept: accept || null });
        picker.addEventListener("change", async () => {
          const picked = [...picker.files].slice(0, max);
          const uploaded = await Promise.all(picked.map((file) => ctx.upload(file)));
          files = uploaded.filter(Boolean);
          list.replaceChildren(...files.map((f) => h("li", { "data-file-id": f.id }, `📎 ${f.name}`)));
        });
        register(ctx, block, el, () => files);
        return h("div", { class: "bk-file-field" }, picker, list);
      }
      case "image":
        return h("img", { class: "bk-image-element", src: el.image_url, alt: el.alt_text || "" });
      default:
        return h("span", { class: "bk-unknown" }, `[${el.type}]`);
    }
  }

  function richText(block, ctx) {
    const styled = (item) => {
      let html;
      if (item.type === "text") html = esc(item.text);
      else if (item.type === "link") html = angle(`${item.url}|${item.text || item.url}`, ctx);
      else if (item.type === "user") html = angle(`@${item.user_id}`, ctx);
      else if (item.type === "channel") html = angle(`#${item.channel_id}`, ctx);
      else if (item.type === "emoji") html = EMOJI[item.name] || `:${esc(item.name)}:`;
      else html = esc(item.text || "");
      const style = item.style || {};
      if (style.code) html = `<code>${html}</code>`;
      if (style.bold) html = `<b>${html}</b>`;
      if (style.italic) html = `<i>${html}</i>`;
      if (style.strike) html = `<s>${html}</s>`;
      return html.replace(/\n/g, "<br>");
    };
    const part = (p) => {
      const inner = (p.elements || []).map((e) => (e.elements ? part(e) : styled(e))).join("");
      if (p.type === "rich_text_preformatted") return `<pre>${inner}</pre>`;
      if (p.type === "rich_text_quote") return `<blockquote>${inner}</blockquote>`;
      if (p.type === "rich_text_list") {
        const tag = p.style === "ordered" ? "ol" : "ul";
        return `<${tag}>${(p.elements || []).map((e) => `<li>${part(e)}</li>`).join("")}</${tag}>`;
      }
      return inner;
    };
    const node = h("div", { class: "bk-rich mrkdwn" });
    node.innerHTML = (block.elements || []).map(part).join("");
    return node;
  }

  function block(b, ctx) {
    const id = { "data-block-id": b.block_id || null };
    switch (b.type) {
      case "header":
        return h("div", { ...id, class: "bk-header" }, textNode(b.text, ctx));
      case "section": {
        const body = h("div", { class: "bk-section-body" },
          b.text ? h("div", { class: "bk-text" }, textNode(b.text, ctx)) : null,
          b.fields ? h("div", { class: "bk-fields" },
            b.fields.map((f) => h("div", { class: "bk-field" }, textNode(f, ctx)))) : null);
        return h("div", { ...id, class: "bk-section" }, body,
          b.accessory ? h("div", { class: "bk-accessory" }, element(b.accessory, b, ctx, false))
            : null);
      }
      case "context":
        return h("div", { ...id, class: "bk-context" }, (b.elements || []).map((e) =>
          e.type === "image" ? h("img", { src: e.image_url, alt: e.alt_text || "" })
            : textNode(e, ctx)));
      case "divider":
        return h("hr", { ...id, class: "bk-divider" });
      case "image":
        return h("figure", { ...id, class: "bk-image" },
          b.title ? h("figcaption", {}, textNode(b.title, ctx)) : null,
          h("img", { src: b.image_url, alt: b.alt_text || "" }));
      case "actions":
        return h("div", { ...id, class: "bk-actions" },
          (b.elements || []).map((e) => element(e, b, ctx, false)));
      case "input": {
        const error = ctx.errors && ctx.errors[b.block_id];
        return h("div", { ...id, class: `bk-input-block${error ? " has-error" : ""}` },
          h("label", { class: "bk-label" }, textNode(b.label, ctx),
            b.optional ? h("span", { class: "bk-optional" }, " (optional)") : null),
          element(b.element || {}, b, ctx, true),
          b.hint ? h("div", { class: "bk-hint" }, textNode(b.hint, ctx)) : null,
          error ? h("div", { class: "bk-error", role: "alert" }, error) : null);
      }
      case "rich_text":
        return richText(b, ctx);
      case "markdown": {
        const node = h("div", { ...id, class: "bk-text mrkdwn" });
        node.innerHTML = mrkdwn(b.text, ctx);
        return node;
      }
      default:
        return h("div", { ...id, class: "bk-unknown" }, `[unsupported block: ${b.type}]`);
    }
  }

  function render(blocks, ctx) {
    return h("div", { class: "bk" }, (blocks || []).map((b) => block(b, ctx)));
  }

  window.BlockKit = { render, mrkdwn, textNode, plain, h, esc, emojify };
})();
