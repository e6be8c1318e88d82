// An article rendered by React, with ads and a share bar it owns. After Declutter hides them
// the app must keep working: the counter button re-renders, React adds and removes nodes in
// and around the hidden blocks, and nothing throws.
import { useState } from "react";
import { createRoot } from "react-dom/client";

function Ad({ n }) {
  return (
    <div className="AdSlot_wrapper__x8Kq2 ad-container">
      <span className="AdSlot_label__3hPz">Advertisement</span>
      <div id={`div-gpt-ad-react-${n}`} style={{ minHeight: 250 }} />
    </div>
  );
}

function Share() {
  return (
    <div className="ShareBar_root__f1Lk share-bar">
      <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
      <a href="https://twitter.com/intent/tweet?url=x">X</a>
      <a href="https://www.linkedin.com/shareArticle?url=x">LinkedIn</a>
    </div>
  );
}

function App() {
  const [likes, setLikes] = useState(0);
  const [showSecondAd, setShowSecondAd] = useState(true);
  return (
    <main className="Layout_main__9Tt">
      <article className="Article_body__Qw7">
        <h1>React pages keep working after a clean</h1>
        <Share />
        <p>Single-page applications own their DOM. When an extension removes a node that React rendered, the next reconciliation fails with an exception and the page breaks. Declutter hides instead: it marks nodes and lets one stylesheet hide them.</p>
        <Ad n={1} />
        <p>Because the nodes stay where React put them, the virtual DOM and the real one still agree. State updates re-render the article, components mount and unmount, and the page never notices.</p>
        {showSecondAd && <Ad n={2} />}
        <p>This paragraph follows an ad that React itself removes when the button below is pressed, which proves that the framework can still remove the nodes we only marked.</p>
        <p className="likes">Likes: <span id="likes">{likes}</span></p>
        <button id="like" onClick={() => { setLikes(likes + 1); setShowSecondAd(false); }}>Like this article</button>
      </article>
    </main>
  );
}

createRoot(document.getElementById("root")).render(<App />);
document.documentElement.dataset.reactMounted = "1";
