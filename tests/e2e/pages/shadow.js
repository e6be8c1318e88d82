// A web component that renders its article, and an ad slot, into an open shadow root.
customElements.define("news-article", class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `
      <style>p { font: 18px/1.6 Georgia, serif; } .ad-wrap { min-height: 250px; background: #eee; }</style>
      <article>
        <h1>Components keep their content in shadow roots</h1>
        <p>Design systems built on web components render whole articles inside shadow roots, where the page's stylesheets do not reach and a document-wide query does not look.</p>
        <div class="ad-wrap" id="shadow-ad"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-shadow-1" style="min-height:250px"></div></div>
        <p>Declutter walks into open shadow roots when it gathers the page, and puts its stylesheet inside the root so that the markers it sets there take effect.</p>
        <p>A third paragraph keeps the article long enough to be found without doubt, with commas, clauses, and a proper ending.</p>
      </article>`;
  }
});
