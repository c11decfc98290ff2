//! Which font files are opened first.

use std::path::Path;

use super::script::Script;

impl Script {
    /// Parts of font file names (lower case, letters and digits only) that usually mean the
    /// font has this script: such files are opened first.
    fn likely_files(self) -> &'static [&'static str] {
        match self {
            Script::Latin | Script::Cyrillic => &[
                "notosans",
                "dejavusans",
                "liberationsans",
                "freesans",
                "arial",
                "segoeui",
            ],
            Script::Cjk | Script::Hangul => &[
                "notosanscjk",
                "notoserifcjk",
                "sourcehansans",
                "droidsansfallback",
                "wqy",
                "ukai",
                "uming",
                "nanum",
                "unifont",
                "pingfang",
                "hiragino",
                "applesdgothic",
                "msyh",
                "simsun",
                "yugoth",
                "meiryo",
                "malgun",
            ],
            Script::Arabic => &[
                "notosansarabic",
                "notonaskharabic",
                "dejavusans",
                "freesans",
                "freeserif",
                "geezapro",
                "arial",
                "segoeui",
                "tahoma",
            ],
            Script::Hebrew => &[
                "notosanshebrew",
                "dejavusans",
                "freesans",
                "culmus",
                "arialhb",
                "arial",
                "segoeui",
            ],
            Script::Devanagari => &[
                "notosansdevanagari",
                "lohitdevanagari",
                "gargi",
                "freeserif",
                "kohinoordevanagari",
                "mangal",
                "nirmala",
            ],
            Script::Thai => &[
                "notosansthai",
                "tlwg",
                "loma",
                "garuda",
                "thonburi",
                "leelawad",
            ],
            Script::Symbols => &["notoemoji", "symbola", "seguiemj", "seguisym", "dejavusans"],
            Script::Georgian | Script::Armenian => &["dejavusans", "freesans", "sylfaen"],
            Script::Other => &[],
            _ => &["freeserif", "nirmala", "lohit"],
        }
    }
}

/// Lower is opened first: files named like a font for a wanted script, then files naming the
/// script, then the rest; plain (regular, upright) styles before bold, italic, mono and the like.
pub(super) fn file_rank(path: &Path, wanted: &[Script]) -> (u8, u8) {
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let likely = wanted
        .iter()
        .any(|s| s.likely_files().iter().any(|name| stem.contains(name)));
    let named = wanted.iter().any(|s| {
        let script: String = s
            .name()
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        !script.is_empty() && stem.contains(&script)
    });
    let kind = if likely {
        0
    } else if named {
        1
    } else {
        2
    };
    const STYLES: [&str; 12] = [
        "bold",
        "italic",
        "oblique",
        "light",
        "thin",
        "black",
        "heavy",
        "condensed",
        "mono",
        "serif",
        "medium",
        "semi",
    ];
    let styled = STYLES.iter().any(|style| {
        // "sans serif" font names contain "serif" only after "sans"; a plain "sans" is fine.
        stem.contains(style) && !(*style == "serif" && stem.contains("sansserif"))
    });
    (kind, u8::from(styled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likely_files_are_opened_first() {
        let wanted = [Script::Cjk];
        let rank = |name: &str| file_rank(Path::new(name), &wanted);
        assert!(rank("/f/NotoSansCJK-Regular.ttc") < rank("/f/NotoSansCJK-Bold.ttc"));
        assert!(rank("/f/NotoSansCJK-Bold.ttc") < rank("/f/DejaVuSans.ttf"));
        assert!(rank("/f/DroidSansFallbackFull.ttf") < rank("/f/Ubuntu-R.ttf"));
        let wanted = [Script::Thai];
        assert!(
            file_rank(Path::new("/f/Garuda.otf"), &wanted)
                < file_rank(Path::new("/f/Kinnari.otf"), &wanted)
        );
        assert!(
            file_rank(Path::new("/f/SomeThaiFont.otf"), &wanted)
                < file_rank(Path::new("/f/Kinnari.otf"), &wanted)
        );
    }
}
