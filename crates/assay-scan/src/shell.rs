//! Reading one shell line: its commands, `cd`, assignments, installs, the file it runs,
//! and whether it is only a message or a comment.

/// `NAME=value` (or `export NAME="value"`) alone on a line, with a plain value.
pub(crate) fn shell_assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_prefix("export ").unwrap_or(line);
    let (name, value) = line.split_once('=')?;
    let plain_name = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    let value = value.trim().trim_matches(['"', '\'']);
    let plain_value = !value.contains(['$', '`', ' ', ';', '&', '|', '(']);
    (plain_name && plain_value).then_some((name, value))
}

/// Shell commands of a line: split at `&&`, `||`, `;` and `|`.
pub(crate) fn commands(text: &str) -> impl Iterator<Item = &str> {
    text.split(['&', ';', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// The directory of a `cd DIR` command.
pub(crate) fn cd_target(command: &str) -> Option<&str> {
    let dir = command
        .strip_prefix("cd ")?
        .trim()
        .trim_matches(['"', '\'']);
    (!dir.is_empty()).then_some(dir)
}

/// A package manager installing something: the tool named is installed, not run.
pub(crate) fn is_install(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    words.windows(2).any(|w| {
        let tool = w[0].rsplit('/').next().unwrap_or(w[0]);
        // `${GO} install ...`: a toolchain named by a variable.
        let variable = w[0].starts_with('$') && w[1] == "install";
        variable
            || tool == "go" && w[1] == "get"
            || matches!(w[1], "install" | "add")
                && matches!(
                    tool,
                    "go" | "pip"
                        | "pip3"
                        | "pipx"
                        | "npm"
                        | "pnpm"
                        | "yarn"
                        | "gem"
                        | "cargo"
                        | "brew"
                        | "apt-get"
                        | "apt"
                        | "yum"
                        | "dnf"
                        | "apk"
                        | "choco"
                        | "snap"
                        | "uv"
                        | "binstall"
                )
    })
}

/// The file a command runs: its first word when that is a path (`docker/run.sh --test`,
/// `./ci/check`), or the script given to a shell (`bash ci/lint.sh`, `source env.sh`).
pub(crate) fn invoked_file(command: &str) -> Option<&str> {
    let mut words = command
        .split_whitespace()
        .map(|w| w.trim_matches(['"', '\'', '(', ')', '`']));
    let mut word = words.next()?;
    loop {
        let skip = word.contains('=') && !word.starts_with(['-', '.', '/'])
            || word.starts_with('-')
            || matches!(
                word,
                "sudo"
                    | "exec"
                    | "time"
                    | "env"
                    | "bash"
                    | "sh"
                    | "zsh"
                    | "source"
                    | "."
                    | "python3"
                    | "python"
            );
        if !skip {
            break;
        }
        word = words.next()?;
    }
    let word = word.trim_start_matches("./");
    let name = word.rsplit('/').next().unwrap_or(word);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    let script_like = matches!(ext, "" | "sh" | "bash" | "py");
    (script_like
        && (word.contains('/') || ext == "sh" || ext == "bash")
        && !word.contains(['$', ':', '*']))
    .then_some(word)
}

/// `echo "Running golangci-lint"` names a tool without running it.
pub(crate) fn is_message(line: &str) -> bool {
    let t = line
        .trim_start()
        .trim_start_matches(['@', '-', '+'])
        .trim_start();
    [
        "echo ",
        "echo\t",
        "printf ",
        "$(info ",
        "$(warning ",
        "$(error ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

pub(crate) fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//")
}

/// `IMG=org/lichen:v1`, `FOO=1 BAR=2`: words that only set variables; they name a tool
/// at most, and the line that runs it is the evidence.
pub(crate) fn only_assigns<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    words.all(|w| {
        w.split_once('=')
            .is_some_and(|(k, _)| !k.is_empty() && !k.starts_with('-'))
    })
}

/// A command that only asks whether a tool is there or which version it is
/// (`command -v misspell`, `"$BIN/golangci-lint" --version`): it does not run the tool.
pub(crate) fn is_probe(command: &str) -> bool {
    let mut words = command
        .split_whitespace()
        .map(|w| w.trim_matches(['"', '\'']))
        .skip_while(|w| matches!(*w, "if" | "!" | "then" | "elif" | "while" | "until"));
    let first = words.next().unwrap_or_default();
    matches!(first, "command" | "which" | "type" | "hash")
        || command.split_whitespace().any(|w| {
            matches!(
                w.trim_matches(['"', '\'']),
                "--version" | "version" | "-version"
            )
        }) && !command.contains("run")
}
