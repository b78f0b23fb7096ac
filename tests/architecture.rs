//! ARCHITECTURE.md names files and folders; each one it names must exist. A row of the
//! code map names paths relative to its own folder (`rules.rs` in the row of
//! `crates/central/` is `crates/central/src/rules.rs`), so a name counts as found when a
//! path under that folder ends with it. Names elsewhere in the document are looked for in
//! the whole tree. Whatever the document lists when the test runs is what is checked.

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Folders that hold no source of the project: dependencies, builds, test output.
const SKIPPED: &[&str] = &["node_modules", "target", ".git", "dist", "output"];

/// Extensions of the files the document may name.
const EXTENSIONS: &[&str] = &[
    "rs", "ts", "mjs", "js", "svelte", "toml", "json", "md", "sh", "sql", "service", "html", "css",
    "yml", "yaml",
];

/// Every file and folder under `dir`, as paths relative to it with `/` between parts.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&relative)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = relative.join(&name);
            let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir && SKIPPED.contains(&name.as_str()) {
                continue;
            }
            found.push(path.to_string_lossy().replace('\\', "/"));
            if is_dir {
                pending.push(path);
            }
        }
    }
    found
}

/// The text in backticks that reads as a path: a folder (`store/`), or a file with a
/// known extension (`lockdown.rs`, `demo/procedures.json`); not commands, URLs or types.
fn paths_in(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('/') && !p.contains("://"))
        .filter(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c))
        })
        .filter(|p| {
            p.ends_with('/')
                || p.rsplit_once('.')
                    .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
        })
        .map(|p| p.trim_end_matches('/').to_owned())
        .collect()
}

/// `name` is `tree`'s entry or the end of one.
fn found_in(tree: &[String], name: &str) -> bool {
    let suffix = format!("/{name}");
    tree.iter().any(|p| p == name || p.ends_with(&suffix))
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = Path::new(ROOT);
    let document = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let whole_tree = tree(root);
    let mut checked = 0;
    let mut missing = Vec::new();

    let (before_map, map) = document
        .split_once("## Code map")
        .expect("a section named Code map");
    let (map, after_map) = map.split_once("\n## ").unwrap_or((map, ""));
    for row in map.lines().filter(|l| l.starts_with("| `")) {
        let mut cells = row.trim_matches('|').splitn(2, '|');
        let (place, what) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""));
        for named in paths_in(place) {
            checked += 1;
            if !root.join(&named).exists() {
                missing.push(format!(
                    "{named} (a folder or file the code map starts a row with)"
                ));
            }
        }
        // The row's folder: the one it names, or the folder of the file it names.
        let folder = paths_in(place)
            .first()
            .map(|p| {
                let path = root.join(p);
                if path.is_dir() {
                    path
                } else {
                    path.parent().unwrap_or(root).to_path_buf()
                }
            })
            .unwrap_or_else(|| root.to_path_buf());
        let row_tree = tree(&folder);
        for named in paths_in(what) {
            checked += 1;
            if !found_in(&row_tree, &named) && !root.join(&named).exists() {
                missing.push(format!("{named} (in the code map's row {})", place.trim()));
            }
        }
    }
    for named in paths_in(before_map).into_iter().chain(paths_in(after_map)) {
        checked += 1;
        if !found_in(&whole_tree, &named) {
            missing.push(named);
        }
    }

    // The parsing itself must keep finding what the document names.
    assert!(
        checked >= 50,
        "only {checked} paths read from ARCHITECTURE.md"
    );
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn paths_are_told_from_other_text_in_backticks() {
    let text = "`lockdown.rs` (`KioskApp`, `kiosk profile validate`) `store/` `/t/{id}` \
                `UPDATE_TYPES=1 cargo test` `sqlite/fleet.rs` `{\"error\"}` `tauri.conf.json`";
    assert_eq!(
        paths_in(text),
        ["lockdown.rs", "store", "sqlite/fleet.rs", "tauri.conf.json"]
    );
    let tree = vec![
        "src/store".to_owned(),
        "src/store/sqlite/fleet.rs".to_owned(),
    ];
    assert!(found_in(&tree, "sqlite/fleet.rs"));
    assert!(found_in(&tree, "store"));
    assert!(!found_in(&tree, "store/sqlite.rs"));
    assert!(!found_in(&tree, "leet.rs"));
}

/// Crates whose modules depend on each other one way only: no module uses another that
/// uses it back, directly or through others. The others are added once their circles are
/// broken.
const ONE_WAY_CRATES: &[&str] = &["crates/kiosk-core", "crates/printer"];

/// The crate's top-level modules a source text names through `crate::`, in order, once
/// each: `use crate::a::B`, `crate::b(…)`, and each item of `use crate::{c, d::E}`.
fn crate_modules(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !name.is_empty() && !found.iter().any(|f| f == name) {
            found.push(name.to_owned());
        }
    };
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            add(&ident(rest));
            continue;
        };
        // The items at the group's first level: the first name after `{` and each `,`.
        let mut depth = 1;
        let mut item_starts = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => break,
                '}' => depth -= 1,
                ',' if depth == 1 => item_starts = true,
                c if c.is_whitespace() => {}
                _ if item_starts && depth == 1 => {
                    add(&ident(&group[i..]));
                    item_starts = false;
                }
                _ => {}
            }
        }
    }
    found
}

/// Each top-level module of the crate whose sources are in `src`, with the modules it names.
fn module_graph(src: &Path) -> Vec<(String, Vec<String>)> {
    let mut graph: Vec<(String, Vec<String>)> = Vec::new();
    for file in tree(src).into_iter().filter(|p| p.ends_with(".rs")) {
        let top = file.split('/').next().unwrap_or_default();
        let module = top.trim_end_matches(".rs").to_owned();
        if ["lib", "main", "bin"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(src.join(&file)).expect("a readable source file");
        let uses = crate_modules(&text)
            .into_iter()
            .filter(|m| *m != module)
            .collect::<Vec<_>>();
        match graph.iter_mut().find(|(m, _)| *m == module) {
            Some((_, all)) => {
                all.extend(uses);
                all.sort();
                all.dedup();
            }
            None => graph.push((module, uses)),
        }
    }
    graph.sort();
    graph
}

/// A circle of modules (`a -> b -> a`), if the graph has one.
fn a_circle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn visit(
        graph: &[(String, Vec<String>)],
        module: &str,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut circle = path[start..].to_vec();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if done.iter().any(|m| m == module) {
            return None;
        }
        path.push(module.to_owned());
        let uses = graph.iter().find(|(m, _)| m == module).map(|(_, u)| u);
        for next in uses.into_iter().flatten() {
            if let Some(circle) = visit(graph, next, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.push(module.to_owned());
        None
    }
    let mut done = Vec::new();
    graph
        .iter()
        .find_map(|(module, _)| visit(graph, module, &mut Vec::new(), &mut done))
}

#[test]
fn modules_of_one_way_crates_use_each_other_one_way() {
    for krate in ONE_WAY_CRATES {
        let graph = module_graph(&Path::new(ROOT).join(krate).join("src"));
        assert!(
            graph.len() >= 8,
            "only {} modules read in {krate}",
            graph.len()
        );
        if let Some(circle) = a_circle(&graph) {
            panic!(
                "modules of {krate} use each other in a circle: {}; move what both need \
                 into a module below them",
                circle.join(" -> ")
            );
        }
    }
}

#[test]
fn crate_paths_and_circles_are_read() {
    let text = "use crate::{alpha::A, beta, gamma::{d, e}};\nuse crate::delta::F;\n\
                let x = crate::alpha::go(); // $crate::macros, foo_crate::x";
    assert_eq!(crate_modules(text), ["alpha", "beta", "gamma", "delta"]);
    let graph = |edges: &[(&str, &[&str])]| {
        edges
            .iter()
            .map(|(m, u)| (m.to_string(), u.iter().map(|s| s.to_string()).collect()))
            .collect::<Vec<(String, Vec<String>)>>()
    };
    assert_eq!(
        a_circle(&graph(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        a_circle(&graph(&[("a", &["b", "c"]), ("b", &["c"]), ("c", &[])])),
        None
    );
}
