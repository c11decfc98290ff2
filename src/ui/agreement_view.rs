//! The agreement panel's content: per pair of reviewers and for all of them, each figure with
//! how many claims it used and left out.

use eframe::egui;

fn figure(v: Option<f64>) -> String {
    v.map_or("n/a".to_string(), |x| format!("{x:.3}"))
}

/// The agreement figures, each with how many claims it used and left out.
pub fn show(ui: &mut egui::Ui, a: &crate::agreement::Agreement) {
    if a.reviewers.len() < 2 {
        ui.label("Agreement needs at least two reviewers in this project; merge a reviewer's file first.");
        return;
    }
    ui.label(format!(
        "{} claims, {} open {}",
        a.claims,
        a.open_disagreements,
        if a.open_disagreements == 1 {
            "disagreement"
        } else {
            "disagreements"
        }
    ));
    egui::Grid::new("pairs").striped(true).show(ui, |ui| {
        for h in [
            "Reviewers",
            "Claims used",
            "Left out",
            "Agreement",
            "Cohen's κ",
        ] {
            ui.strong(h);
        }
        ui.end_row();
        for p in &a.pairs {
            ui.label(format!("{} – {}", p.a, p.b));
            ui.label(p.items.to_string());
            ui.label(p.left_out.to_string());
            ui.label(
                p.percent
                    .map_or("n/a".into(), |x| format!("{:.1}%", x * 100.0)),
            );
            ui.label(figure(p.cohen_kappa));
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.label(format!(
        "Fleiss' κ {} over {} claims every reviewer judged ({} left out)",
        figure(a.fleiss_kappa.value),
        a.fleiss_kappa.items,
        a.fleiss_kappa.left_out
    ));
    ui.label(format!(
        "Krippendorff's α {} over {} claims at least two reviewers judged ({} left out)",
        figure(a.krippendorff_alpha.value),
        a.krippendorff_alpha.items,
        a.krippendorff_alpha.left_out
    ));
    for p in &a.pairs {
        ui.add_space(6.0);
        ui.strong(format!(
            "Confusion matrix: {} (rows) × {} (columns)",
            p.a, p.b
        ));
        egui::Grid::new(("confusion", &p.a, &p.b))
            .striped(true)
            .show(ui, |ui| {
                ui.label("");
                for v in crate::agreement::CATEGORIES {
                    ui.strong(v.as_str());
                }
                ui.end_row();
                for (i, v) in crate::agreement::CATEGORIES.iter().enumerate() {
                    ui.strong(v.as_str());
                    for j in 0..3 {
                        ui.label(p.confusion[i][j].to_string());
                    }
                    ui.end_row();
                }
            });
    }
}
