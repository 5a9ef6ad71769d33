//! `cargo run --example inspect -- FILE.pdf [NUM...]`: what the COS reader
//! makes of a file: its sections, trailer, rebuild and encryption flags,
//! and the objects named.

use cos_dev::{File, Ref};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: inspect FILE.pdf [NUM...]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("readable file");
    let file = match File::open(&bytes) {
        Ok(file) => file,
        Err(e) => {
            println!("does not open: {e}");
            return;
        }
    };
    println!(
        "header at {}, {} sections, reconstructed {}, encrypted {}",
        file.header_offset(),
        file.sections().len(),
        file.reconstructed(),
        file.encrypted()
    );
    for s in file.sections() {
        println!(
            "section at {}: {} entries, ends {:?}",
            s.offset,
            s.entries.len(),
            s.ends
        );
    }
    println!("trailer: {:?}", file.trailer());
    for num in args.filter_map(|a| a.parse::<u32>().ok()) {
        println!("{num}: entry {:?}", file.entry(num));
        println!("{num}: {:?}", file.object(Ref { num, gen: 0 }));
    }
    println!("reconstructed {}", file.reconstructed());
}
