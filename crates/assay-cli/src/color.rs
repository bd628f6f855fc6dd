//! Whether text output is coloured: the `--color` flag, then `NO_COLOR`, then `FORCE_COLOR`,
//! then whether standard output is a terminal.

use std::ffi::OsString;

use clap::ValueEnum;

/// The `--color` choice. Variants carry no doc comments on purpose: clap would then list
/// them one per line in every subcommand's `--help`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

/// Decide once, in `main`, whether text written to standard output may carry colour.
/// `env` looks up an environment variable (injected so the rules can be tested directly).
pub fn enabled(when: ColorWhen, env: impl Fn(&str) -> Option<OsString>, is_terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            // An empty value counts as unset, as the NO_COLOR convention asks.
            let set = |name: &str| env(name).filter(|v| !v.is_empty());
            if set("NO_COLOR").is_some() {
                false
            } else if set("FORCE_COLOR").is_some_and(|v| v != "0") {
                true
            } else {
                is_terminal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_flag_wins_over_environment_and_terminal() {
        let all = [("NO_COLOR", "1"), ("FORCE_COLOR", "1")];
        assert!(enabled(ColorWhen::Always, env(&all), false));
        assert!(!enabled(ColorWhen::Never, env(&all), true));
    }

    #[test]
    fn auto_follows_no_color_then_force_color_then_the_terminal() {
        let auto = |vars: &[(&str, &str)], tty| enabled(ColorWhen::Auto, env(vars), tty);
        assert!(auto(&[], true));
        assert!(!auto(&[], false));
        assert!(!auto(&[("NO_COLOR", "1")], true));
        assert!(!auto(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], false));
        // Empty values are unset.
        assert!(auto(&[("NO_COLOR", "")], true));
        assert!(auto(&[("NO_COLOR", ""), ("FORCE_COLOR", "1")], false));
        assert!(!auto(&[("FORCE_COLOR", "")], false));
        // FORCE_COLOR=0 forces nothing: the terminal decides.
        assert!(!auto(&[("FORCE_COLOR", "0")], false));
        assert!(auto(&[("FORCE_COLOR", "0")], true));
        assert!(auto(&[("FORCE_COLOR", "true")], false));
    }
}
