//! CPU time per frame of the real workspace, driven headlessly through an `egui::Context` on a
//! generated 1 MB article with 10,000 claims and two reviewers: opening (first frames), scrolling
//! the article with the mouse wheel, stepping and tagging with the keyboard. Each frame counts
//! egui's pass (our UI code) plus tessellation, i.e. everything but the GPU upload.
//! Target: < 4 ms per frame while scrolling and tagging (release).
//! Run: cargo bench --bench ui

use claimdesk::ui::settings::Settings;
use claimdesk::ui::{ClaimdeskApp, RunOptions};
use claimdesk::{store, synth};
use eframe::egui::{self, Event, Key, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, Vec2};
use std::time::{Duration, Instant};

struct Driver {
    ctx: egui::Context,
    app: ClaimdeskApp,
    time: f64,
    /// Whether the last frame asked for another one at once (as eframe would paint it).
    wants_more: bool,
}

impl Driver {
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1440.0, 900.0))),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let mut input = input;
        // As eframe does before each frame (the app's raw input hook).
        claimdesk::ui::app::instant_wheel(&self.ctx, &mut input);
        let t = Instant::now();
        let out = self.ctx.run_ui(input, |ui| self.app.frame(ui));
        self.wants_more = out
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.repaint_delay.is_zero());
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let took = t.elapsed();
        std::hint::black_box(prims);
        let mut deltas = out.textures_delta;
        deltas.clear();
        took
    }
}

fn key(k: Key) -> Vec<Event> {
    vec![
        Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        },
        Event::Key {
            key: k,
            physical_key: None,
            pressed: false,
            repeat: false,
            modifiers: Modifiers::NONE,
        },
    ]
}

/// Frames the real app loop paints for one input event: the event's frame, then every frame
/// egui asks for at once (as eframe runs them), up to 30.
fn frames_for(d: &mut Driver, events: Vec<Event>) -> usize {
    d.frame(events);
    let mut n = 1;
    while d.wants_more && n < 30 {
        d.frame(Vec::new());
        n += 1;
    }
    n
}

/// Key press and release as a window system delivers them: two events, two frames' input.
fn frames_per_key(d: &mut Driver, k: Key) -> usize {
    let [press, release]: [Event; 2] = key(k).try_into().expect("press and release");
    frames_for(d, vec![press]) + frames_for(d, vec![release])
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{name}: {} frames, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        ms(p(0.5)),
        ms(p(0.95)),
        ms(*times.last().unwrap())
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    store::save(
        &path,
        &synth::large_project(1_100_000, 10_000, &["alice", "bob"]),
    )
    .unwrap();

    let settings = Settings {
        reviewer: "alice".into(),
        recent: Vec::new(),
        ..Settings::default()
    };
    let started = Instant::now();
    let mut app = ClaimdeskApp::new(settings, None, RunOptions::default());
    app.open_path(&path);
    let mut d = Driver {
        ctx: egui::Context::default(),
        app,
        time: 0.0,
        wants_more: false,
    };
    let first = d.frame(Vec::new());
    println!(
        "open 10k-claim project + first frame: {:.1} ms (first frame alone {:.1} ms)",
        started.elapsed().as_secs_f64() * 1000.0,
        first.as_secs_f64() * 1000.0
    );
    for _ in 0..5 {
        d.frame(Vec::new());
    }
    let idle: Vec<Duration> = (0..60).map(|_| d.frame(Vec::new())).collect();
    report("idle (no input)", idle);

    let laid_before = d.app.article.laid_out_paragraphs();
    let over_article = Pos2::new(720.0, 500.0);
    d.frame(vec![Event::PointerMoved(over_article)]);
    let scroll: Vec<Duration> = (0..300)
        .map(|_| {
            d.frame(vec![Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: Vec2::new(0.0, -120.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            }])
        })
        .collect();
    report("scroll article (wheel, 120 pt/frame)", scroll);
    let laid_after = d.app.article.laid_out_paragraphs();
    println!("(paragraphs laid out: {laid_before} before scrolling, {laid_after} after)");
    assert!(
        laid_after > laid_before + 100,
        "the wheel really scrolled the article"
    );

    // Frames painted per key press and per wheel step in the real app loop.
    let n = 50;
    let per_j: usize = (0..n).map(|_| frames_per_key(&mut d, Key::J)).sum();
    let per_wheel: usize = (0..n)
        .map(|_| {
            frames_for(
                &mut d,
                vec![Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: Vec2::new(0.0, -120.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: Modifiers::NONE,
                }],
            )
        })
        .sum();
    println!(
        "frames painted in the app loop: {:.1} per J key (press + release), {:.1} per wheel step",
        per_j as f64 / n as f64,
        per_wheel as f64 / n as f64
    );

    let mut tag = Vec::new();
    for i in 0..200 {
        tag.push(d.frame(key(Key::J)));
        tag.push(d.frame(key([Key::Num1, Key::Num2, Key::Num3][i % 3])));
    }
    report("next claim + tag (J, 1/2/3)", tag);
    let s = d.app.session.as_ref().unwrap();
    assert!(s.is_dirty(), "tags were applied");
    let other = dir.path().join("carol.ron");
    store::save(&other, &synth::large_project(1_100_000, 10_000, &["carol"])).unwrap();
    with_jobs_in_flight(&path, &other, &dir.path().join("recovery"));
    println!(
        "(claims reviewed by alice after the run: {})",
        s.project
            .claims
            .iter()
            .filter(|c| c.verdict_of("alice").is_reviewed())
            .count()
    );
}

/// Frames while slow work runs on the worker: a recovery copy after every change (autosave
/// with no delay), a save of the 12 MB project and a merge of a second 10k-claim file, all in
/// flight while the reviewer keeps pressing J and 1/2/3. Target: p95 < 8 ms, max < 16 ms.
fn with_jobs_in_flight(
    path: &std::path::Path,
    other: &std::path::Path,
    recovery: &std::path::Path,
) {
    let settings = Settings {
        reviewer: "alice".into(),
        recent: Vec::new(),
        ..Settings::default()
    };
    let options = RunOptions {
        autosave_after: Some(Duration::ZERO),
        ..RunOptions::default()
    };
    let mut app = ClaimdeskApp::new(
        settings,
        Some(claimdesk::session::recovery::RecoveryStore::new(recovery)),
        options,
    );
    app.open_path(path);
    let mut d = Driver {
        ctx: egui::Context::default(),
        app,
        time: 0.0,
        wants_more: false,
    };
    for _ in 0..6 {
        d.frame(Vec::new());
    }
    let mut times = Vec::new();
    let mut busy_frames = 0;
    let mut seen = std::collections::BTreeSet::new();
    let save = vec![Event::Key {
        key: Key::S,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    }];
    for i in 0..600 {
        let events = match i {
            1 => save.clone(),
            _ if i % 2 == 0 => key(Key::J),
            _ => key([Key::Num1, Key::Num2, Key::Num3][(i / 2) % 3]),
        };
        if i == 3 {
            d.app.merge_file(other);
        }
        times.push(d.frame(events));
        let running = d.app.jobs.running();
        if !running.is_empty() {
            busy_frames += 1;
            seen.extend(running.iter().map(|k| format!("{k:?}")));
        }
        // A real frame comes every ~16 ms; let the worker run meanwhile.
        std::thread::sleep(Duration::from_millis(4));
    }
    d.app.wait_for_jobs();
    report(
        "next claim + tag while jobs run (autosave, save, merge)",
        times,
    );
    println!("(frames with a job in flight: {busy_frames} of 600; jobs seen: {seen:?})");
    let s = d.app.session.as_ref().unwrap();
    assert!(
        seen.contains("Save") && seen.contains("Merge") && seen.contains("Autosave"),
        "every kind of job ran during the measured frames"
    );
    assert!(
        s.project.reviewers.iter().any(|r| r == "carol"),
        "the merge came in"
    );
}
