//! Import speed of a saved web page: `claimdesk::import::html::extract` (charset sniffing and
//! decoding, parsing, chrome removal, reader mode, blocks) on a ~2 MB page built from the
//! liveblog fixture: its entries repeated into a long article of ~450 KB, inside the weight real
//! pages carry (a framework's JSON state holding the article again, inline styles and SVG
//! icons, a mega menu, related stories, a footer).
//! Run with `cargo bench --bench import`; the target is under 150 ms for the whole import.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk::import::html;

const TARGET_BYTES: usize = 2_000_000;
const RUNS: usize = 15;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The liveblog fixture's entries (`<article class="block">…</article>`), numbered apart.
fn entries(page: &str, copies: usize) -> String {
    let start = page.find("<article id=\"block-").expect("liveblog entries");
    let end = page
        .find("<div class=\"pagination\">")
        .expect("end of entries");
    let body = &page[start..end];
    let mut out = String::with_capacity(body.len() * copies);
    for i in 0..copies {
        out.push_str(
            &body
                .replace("<h2>", &format!("<h2>Update {i}: "))
                .replace("<p>", &format!("<p>({i}) ")),
        );
    }
    out
}

fn mega_menu(links: usize) -> String {
    let mut out = String::from("<nav class=\"mega-menu\" aria-label=\"All sections\"><ul>");
    for i in 0..links {
        out.push_str(&format!(
            "<li class=\"mega-menu__item\"><a href=\"/section/{i}\" data-link-name=\"nav:{i}\">Section {i}</a></li>"
        ));
    }
    out.push_str("</ul></nav>");
    out
}

fn svg_icons(count: usize) -> String {
    let mut out = String::from("<svg style=\"display:none\" xmlns=\"http://www.w3.org/2000/svg\">");
    for i in 0..count {
        out.push_str(&format!(
            "<symbol id=\"icon-{i}\" viewBox=\"0 0 24 24\"><path d=\"M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm-1 17.93c-3.95-.49-7-3.85-7-7.93 0-.62.08-1.21.21-1.79L9 15v1c0 1.1.9 2 2 2v1.93zm6.9-2.54c-.26-.81-1-1.39-1.9-1.39h-1v-3c0-.55-.45-1-1-1H8v-2h2c.55 0 1-.45 1-1V7h2c1.1 0 2-.9 2-2v-.41c2.93 1.19 5 4.06 5 7.41 0 2.08-.8 3.97-2.1 5.39z\"/></symbol>"
        ));
    }
    out.push_str("</svg>");
    out
}

fn styles(rules: usize) -> String {
    let mut out = String::from("<style>");
    for i in 0..rules {
        out.push_str(&format!(
            ".c-{i}{{display:flex;margin:0 {i}px;font:400 1rem/1.4 Georgia,serif;color:#121212}}"
        ));
    }
    out.push_str("</style>");
    out
}

/// A framework's page state: the article's text once more, as JSON in a script.
fn state_script(article: &str) -> String {
    let escaped = serde_json::to_string(article).expect("a string serialises");
    format!(
        "<script id=\"__NEXT_DATA__\" type=\"application/json\">{{\"props\":{{\"page\":{{\"body\":{escaped}}}}}}}</script>"
    )
}

fn related(count: usize) -> String {
    let mut out =
        String::from("<section class=\"onward related-stories\"><h2>More on this story</h2>");
    for i in 0..count {
        out.push_str(&format!(
            "<div class=\"card\"><a href=\"/story/{i}\"><h3>Related story number {i} about the war in Ukraine</h3></a><p>A short teaser for story {i} that sums it up in one line.</p></div>"
        ));
    }
    out.push_str("</section>");
    out
}

/// A ~2 MB page: the liveblog fixture's head and chrome, its entries repeated, and the weight
/// of a modern news page around them.
fn build_page() -> String {
    let live = fixture("liveblog.html");
    let article = entries(&live, 100);
    let head_end = live.find("</head>").expect("head");
    let body_start = live.find("<main>").expect("main");
    let entries_start = live.find("<article id=\"block-").expect("entries");
    let tail_start = live.find("<div class=\"pagination\">").expect("tail");
    let mut page = String::with_capacity(TARGET_BYTES + 100_000);
    page.push_str(&live[..head_end]);
    page.push_str(&styles(1500));
    page.push_str(&state_script(&article));
    page.push_str(&live[head_end..body_start]);
    page.push_str(&svg_icons(600));
    page.push_str(&mega_menu(1200));
    page.push_str(&live[body_start..entries_start]);
    page.push_str(&article);
    let tail = &live[tail_start..];
    let footer_at = tail.find("<footer").expect("footer");
    page.push_str(&tail[..footer_at]);
    let mut n = 0;
    while page.len() + tail.len() - footer_at < TARGET_BYTES {
        page.push_str(&related(20).replace("number ", &format!("number {n}.")));
        n += 1;
    }
    page.push_str(&tail[footer_at..]);
    page
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let page = build_page();
    let bytes = page.as_bytes();
    let mb = bytes.len() as f64 / 1_000_000.0;
    let first = html::extract(bytes, None, None).expect("the bench page imports");
    let lines = first.text.lines().filter(|l| !l.is_empty()).count();
    println!(
        "page: {mb:.2} MB, article text {:.0} KB in {lines} blocks, title {:?}",
        first.text.len() as f64 / 1000.0,
        first.meta.title
    );
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        black_box(html::extract(black_box(bytes), None, None).ok());
        times.push(t.elapsed());
    }
    let med = median(times.clone());
    let (min, max) = (
        times.iter().min().copied().unwrap_or_default(),
        times.iter().max().copied().unwrap_or_default(),
    );
    println!(
        "import (decode + extract): median {:.1} ms, min {:.1} ms, max {:.1} ms over {RUNS} runs ({:.1} MB/s); target < 150 ms",
        med.as_secs_f64() * 1000.0,
        min.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0,
        mb / med.as_secs_f64()
    );
}
