//! Embeds the migrations and the built staff and lobby pages (`pages/dist`) into the binary.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    // Re-embed the migrations whenever one is added or changed.
    println!("cargo:rerun-if-changed=migrations");
    embed_pages();
}

/// Writes `$OUT_DIR/pages_files.rs`: every file of `pages/dist` as `(path, bytes)`.
/// Without a built `dist` the list is empty (the pages then answer 503), so the
/// server still compiles where Node is not installed.
fn embed_pages() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = manifest.join("pages").join("dist");
    // A folder is scanned as a whole by cargo; a missing one reruns this script each build,
    // so a `dist` built later is picked up without touching anything else.
    println!("cargo:rerun-if-changed={}", dist.display());
    let mut files = Vec::new();
    if dist.join("index.html").is_file() {
        collect(&dist, &dist, &mut files);
    } else {
        println!(
            "cargo:warning=pages/dist is missing: the counter page and the lobby board are not \
             embedded (run `npm run build:pages`, then build the central again)"
        );
    }
    files.sort();
    let mut out = String::from(
        "/// Files of the built pages: path under `pages/dist`, and content.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (relative, absolute) in &files {
        out.push_str(&format!(
            "    ({relative:?}, include_bytes!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    out.push_str("];\n");
    let target =
        PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("pages_files.rs");
    fs::write(target, out).expect("write the embedded pages list");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = fs::read_dir(dir).expect("read pages/dist");
    for entry in entries {
        let path = entry.expect("read pages/dist").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
}
