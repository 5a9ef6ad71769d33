//! One exported entry over the COS reader, so that the linker keeps what a
//! verifier uses: open (chain, rebuild, decryption), object reads, resolve,
//! and stream decoding.

use cos_dev::{File, Object};

/// Open the `len` bytes at `ptr`, read the catalog and its first stream
/// (say, /Metadata); the number of catalog entries plus decoded bytes, or 0.
///
/// # Safety
/// `ptr..ptr + len` must be readable memory.
#[no_mangle]
pub unsafe extern "C" fn cos_probe(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    let Ok(file) = File::open(bytes) else {
        return 0;
    };
    let Some(Object::Ref(root)) = file.trailer().get("Root") else {
        return 0;
    };
    let Ok(Object::Dict(catalog)) = file.object(*root) else {
        return 0;
    };
    let mut total = catalog.len();
    for (_, value) in catalog.iter() {
        if let Ok(Object::Stream(s)) = file.resolve(value) {
            total += file.decoded_stream(&s).map(|d| d.len()).unwrap_or(0);
            break;
        }
    }
    total + usize::from(file.reconstructed()) + file.revision_ends().len()
}

/// Memory for the host to copy a file into.
#[no_mangle]
pub extern "C" fn cos_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    core::mem::forget(buffer);
    ptr
}
