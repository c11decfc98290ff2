use super::validate::Problem;
use std::fmt;

/// Why a project file could not be opened: always names the file, and the line:column or
/// claim where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// 1-based line and column, for syntax errors.
    pub position: Option<(usize, usize)>,
    /// The claim at fault, for content errors.
    pub claim: Option<String>,
    pub message: String,
}

impl LoadError {
    pub fn plain(file: &str, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            position: None,
            claim: None,
            message: message.into(),
        }
    }

    pub fn io(file: &str, e: &std::io::Error) -> Self {
        Self::plain(file, format!("cannot read: {e}"))
    }

    pub fn syntax(file: &str, e: &ron::error::SpannedError) -> Self {
        let mut message = e.code.to_string();
        if matches!(e.code, ron::Error::IntegerOutOfBounds) {
            message.push_str(": offsets and version numbers are whole numbers, 0 or more");
        }
        LoadError {
            position: Some((e.span.start.line, e.span.start.col)),
            ..Self::plain(file, message)
        }
    }

    pub fn problem(file: &str, p: Problem) -> Self {
        LoadError {
            claim: p.claim,
            ..Self::plain(file, p.message)
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(claim) = &self.claim {
            write!(f, ": claim {claim}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}
