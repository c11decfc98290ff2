//! claimdesk core: the project model, statement splitting, RON project files and the
//! operations the command line and the desktop app share. Nothing here knows a screen.

pub mod split;
