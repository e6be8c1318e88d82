// Generates the benchmark's big page: a news article page of about 100,000 elements (article,
// ad slots, sidebar widgets, a long comment thread, navigation), deterministic (seeded), and a
// script that injects a burst of late nodes one second after load (for the long-task test).
import fs from "node:fs";
import path from "node:path";

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const words = "the of and to in a is that for on with as was at by it from an be this have are or which one news city report said year people government market people school new first last week time team state work life".split(" ");
const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(" ");
const para = () => `<p>${sentence(18)}, ${sentence(12)}. <a href="/x/${Math.floor(rnd() * 1e6)}">${sentence(3)}</a> ${sentence(14)}, <em>${sentence(4)}</em> ${sentence(10)}.</p>`;

export function generate(target = 110000) {
  const parts = [];
  let count = 0;
  const add = (html, elements) => { parts.push(html); count += elements; };
  add(`<header class="site-header"><nav><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/s/${i}">${sentence(2)}</a></li>`).join("")}</ul></nav></header>`, 122);
  const article = [];
  for (let i = 0; i < 400; i++) {
    article.push(para());
    if (i % 8 === 7) article.push(`<div class="ad-slot"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-${i}" style="min-height:250px"></div></div>`);
  }
  add(`<main><article class="post"><h1>${sentence(9)}</h1>${article.join("")}</article></main>`, 400 * 4 + 50 * 3 + 3);
  const widgets = [];
  for (let w = 0; w < 60; w++) {
    widgets.push(`<section class="widget"><h3>Trending</h3><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/t/${w}/${i}"><img src="data:," alt=""><span>${sentence(6)}</span></a></li>`).join("")}</ul></section>`);
  }
  add(`<aside class="sidebar">${widgets.join("")}</aside>`, 1 + 60 * (3 + 40));
  const comments = [];
  // Comments fill up to the target: each is ~12 elements.
  let c = 0;
  while (count + 12 * c < target - 200) c++;
  for (let i = 0; i < c; i++) {
    comments.push(`<li class="comment" id="comment-${i}"><div class="comment-body"><div class="comment-author"><img src="data:," alt=""><cite>${sentence(2)}</cite></div><div class="comment-meta"><a href="#comment-${i}">${sentence(3)}</a></div><div class="comment-content"><p>${sentence(16)}</p></div><div class="reply"><a class="comment-reply-link" href="#r${i}">Reply</a></div></div></li>`);
  }
  add(`<section id="comments" class="comments-area"><h2>${c} Comments</h2><ol class="comment-list">${comments.join("")}</ol></section>`, 3 + 12 * c);
  add(`<footer class="site-footer"><p>${sentence(8)}</p></footer>`, 2);
  const burst = `<script>
    // One second after load, the page adds a burst of late content: ad slots and paragraphs.
    addEventListener("load", () => setTimeout(() => {
      const art = document.querySelector("article");
      const frag = document.createDocumentFragment();
      for (let i = 0; i < 400; i++) {
        const d = document.createElement("div");
        d.className = i % 2 ? "ad-slot" : "story-more";
        d.innerHTML = i % 2 ? '<span class="ad-label">Advertisement</span><ins class="adsbygoogle" data-ad-slot="1"></ins>' : '<p>' + "late paragraph ".repeat(12) + '</p>';
        frag.append(d);
      }
      art.append(frag);
      document.documentElement.dataset.burst = "done";
    }, 1000));
  </script>`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big page</title></head><body>${parts.join("")}${burst}</body></html>`;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const out = process.argv[2];
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, generate());
  console.log("wrote", out);
}
