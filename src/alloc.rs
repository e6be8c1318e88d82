//! The every-page wasm module's memory allocator: size classes (powers of two up to 64 bytes,
//! then four per power of two), one free list per class, new blocks cut from the pages the
//! module grows its memory by.
//!
//! Why not the standard allocator (dlmalloc): it is about 3 KB of the core's gzipped size
//! budget, for no speed the core needs (allocation is under 1 % of a clean's time in a
//! profile). The core allocates the same shapes on every clean of a page (the model, the
//! analysis, the decisions), so a freed block is soon taken again by a block of its class;
//! wasm memory never shrinks anyway. The cost: blocks are not merged, so memory freed in one
//! class does not serve another. Measured in Chromium: 14 MB where dlmalloc held 6 after nine
//! large pages cleaned in a row by one instance (a page has its own); 27 MB against 29 on the
//! 100,000-element page.
//!
//! This is the only unsafe code of the crate. The block logic ([`Pools`]) is plain address
//! arithmetic, tested natively on a borrowed region; the wasm glue below it only adds
//! `memory.grow`.

#![allow(unsafe_code)]

/// Wasm page size: what `memory.grow` adds per unit, and the largest alignment blocks get.
pub const PAGE: usize = 65536;
/// Powers of two from 8 bytes to 2^31 (the wasm32 address space is 2^32), then four classes
/// per power of two above 64 bytes.
const CLASSES: usize = 32 + 4 * 25;

/// A size class: its free list, the size of its blocks and where they may start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Class {
    pub index: usize,
    pub bytes: usize,
    pub align: usize,
}

/// The class of a request, or `None` when it cannot be served. Up to 64 bytes (and for the
/// rare alignments above 8) a block is the next power of two, starting at a multiple of its
/// size (at most a page), so it suits any alignment up to its size. Above, the classes step by
/// a quarter of the power of two below (80, 96, 112, 128, 160 ... bytes): a block is at most a
/// quarter larger than the request, not twice.
pub fn class(size: usize, align: usize) -> Option<Class> {
    let need = size.max(align).max(8);
    if align > PAGE || need > 1 << 31 {
        return None;
    }
    if need <= 64 || align > 8 {
        let k = need.next_power_of_two().trailing_zeros() as usize;
        return Some(Class { index: k, bytes: 1 << k, align: (1usize << k).min(PAGE) });
    }
    // 2^k < need <= 2^(k+1), k >= 6.
    let k = (usize::BITS - 1 - (need - 1).leading_zeros()) as usize;
    let step = 1usize << (k - 2);
    let sub = (need - (1 << k)).div_ceil(step); // 1..=4
    Some(Class { index: 32 + 4 * (k - 6) + sub - 1, bytes: (1 << k) + sub * step, align: 8 })
}

/// The allocator's state: free lists (address of the first free block per class, 0 for none;
/// a free block's first word links to the next) and the unused rest of the last grown region.
pub struct Pools {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

impl Pools {
    pub const fn new() -> Pools {
        Pools { free: [0; CLASSES], next: 0, end: 0 }
    }

    /// A block for `size` bytes aligned to `align`, or 0. `grow(pages)` adds `pages` pages of
    /// memory and returns the address where they start, or `None`.
    ///
    /// # Safety
    /// Every address this has handed out and [`Pools::free`] taken back must be writable memory
    /// owned by this allocator, as must everything `grow` returns.
    pub unsafe fn alloc(&mut self, size: usize, align: usize, grow: impl FnOnce(usize) -> Option<usize>) -> usize {
        let Some(Class { index, bytes, align: a }) = class(size, align) else { return 0 };
        let head = self.free[index];
        if head != 0 {
            self.free[index] = unsafe { *(head as *const usize) };
            return head;
        }
        let mut start = (self.next + a - 1) & !(a - 1);
        if self.next == 0 || start.checked_add(bytes).is_none_or(|e| e > self.end) {
            // At least 16 pages at a time (1 MB): few grows, each of which also costs the
            // page's JS side a fresh view of the memory.
            let pages = bytes.div_ceil(PAGE).max(16);
            let Some(at) = grow(pages) else { return 0 };
            // Up to the very end of a 4 GB memory the end itself does not fit a wasm32 usize.
            let Some(end) = at.checked_add(pages * PAGE) else { return 0 };
            if at != self.end {
                // Memory grown by someone else in between: start over at the new region (the
                // old rest is left unused).
                self.next = at;
            }
            self.end = end;
            start = (self.next + a - 1) & !(a - 1);
            if start.checked_add(bytes).is_none_or(|e| e > end) {
                // The old rest plus the new pages were not enough: take the new pages alone.
                start = at;
            }
        }
        self.next = start + bytes;
        start
    }

    /// Takes back a block [`Pools::alloc`] gave for the same `size` and `align`.
    ///
    /// # Safety
    /// `p` must be such a block, not in use and not freed since.
    pub unsafe fn free(&mut self, p: usize, size: usize, align: usize) {
        let Some(c) = class(size, align) else { return };
        unsafe { *(p as *mut usize) = self.free[c.index] };
        self.free[c.index] = p;
    }
}

impl Default for Pools {
    fn default() -> Pools {
        Pools::new()
    }
}

#[cfg(all(target_arch = "wasm32", feature = "wasm-core"))]
mod wasm {
    use super::{class, Pools, PAGE};
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::UnsafeCell;

    struct Global(UnsafeCell<Pools>);
    // Wasm without threads: one thread, no concurrent access.
    unsafe impl Sync for Global {}

    fn grow(pages: usize) -> Option<usize> {
        let old = core::arch::wasm32::memory_grow(0, pages);
        (old != usize::MAX).then(|| old * PAGE)
    }

    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            unsafe { (*self.0.get()).alloc(l.size(), l.align(), grow) as *mut u8 }
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            unsafe { (*self.0.get()).free(p as usize, l.size(), l.align()) }
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
            // Same class: the block already has room.
            if class(l.size(), l.align()) == class(new_size, l.align()) {
                return p;
            }
            let q = unsafe { self.alloc(Layout::from_size_align_unchecked(new_size, l.align())) };
            if !q.is_null() {
                unsafe {
                    std::ptr::copy_nonoverlapping(p, q, l.size().min(new_size));
                    self.dealloc(p, l);
                }
            }
            q
        }
    }

    #[global_allocator]
    static ALLOC: Global = Global(UnsafeCell::new(Pools::new()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A region of `pages` pages (page-aligned) that `grow` hands out in order.
    struct Region {
        mem: Vec<u8>,
        base: usize,
        used: usize,
        pages: usize,
    }

    impl Region {
        fn new(pages: usize) -> Region {
            let mem = vec![0u8; (pages + 1) * PAGE];
            let base = (mem.as_ptr() as usize + PAGE - 1) & !(PAGE - 1);
            Region { mem, base, used: 0, pages }
        }
        fn grow(&mut self, pages: usize) -> Option<usize> {
            if self.used + pages > self.pages {
                return None;
            }
            let at = self.base + self.used * PAGE;
            self.used += pages;
            Some(at)
        }
        fn contains(&self, p: usize, len: usize) -> bool {
            let start = self.mem.as_ptr() as usize;
            p >= start && p + len <= start + self.mem.len()
        }
    }

    fn bytes(size: usize, align: usize) -> usize {
        class(size, align).unwrap().bytes
    }

    #[test]
    fn classes_are_powers_of_two_then_quarter_steps() {
        assert_eq!([bytes(1, 1), bytes(8, 8), bytes(9, 1), bytes(33, 8), bytes(64, 8)], [8, 8, 16, 64, 64]);
        assert_eq!([bytes(65, 8), bytes(80, 8), bytes(81, 4), bytes(100, 8), bytes(128, 8), bytes(129, 8)], [80, 80, 96, 112, 128, 160]);
        assert_eq!(bytes(PAGE + 1, 8), PAGE + PAGE / 4);
        assert_eq!(bytes(4, 16), 16, "alignment counts");
        assert_eq!(class(100, 16), Some(Class { index: 7, bytes: 128, align: 128 }), "above 8, powers of two");
        assert_eq!(bytes(1 << 31, 8), 1 << 31);
        assert_eq!(class((1 << 31) + 1, 8), None);
        assert_eq!(class(usize::MAX, 8), None);
        assert_eq!(class(8, 2 * PAGE), None);
        // Every request fits its block, at most a quarter (or, up to 64 bytes, half) more; the
        // indices are in range and one index is one block size.
        let mut size_of = std::collections::HashMap::new();
        for size in (1..5000).chain((1..40).map(|i| i * 100_003)).chain([(1 << 31) - 1]) {
            for align in [1, 2, 4, 8, 16, 64] {
                let c = class(size, align).unwrap();
                assert!(c.bytes >= size && c.bytes % c.align == 0 && c.align >= align.min(PAGE), "{size} {align}: {c:?}");
                assert!(size <= 64 || align > 8 || c.bytes <= size + size / 4 + 8, "{size}: {c:?}");
                assert!(c.index < CLASSES, "{size}: {c:?}");
                assert_eq!(*size_of.entry(c.index).or_insert(c.bytes), c.bytes, "{size} {align}");
            }
        }
    }

    /// Random allocations and frees of mixed sizes and alignments: blocks never overlap, are
    /// aligned, hold what was written to them, and freed blocks are used again.
    #[test]
    fn blocks_are_disjoint_aligned_and_reused() {
        let mut region = Region::new(1024);
        let mut pools = Pools::new();
        let mut live: Vec<(usize, usize, usize, u8)> = Vec::new(); // address, size, align, fill
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut reused = 0;
        let mut seen = std::collections::HashSet::new();
        for step in 0..20_000u32 {
            let r = rand();
            if live.is_empty() || (live.len() < 300 && r % 2 == 0) {
                let size = match r % 10 {
                    0 => 1 + (r >> 8) as usize % 200_000,
                    1..=3 => 1 + (r >> 8) as usize % 4096,
                    _ => 1 + (r >> 8) as usize % 64,
                };
                let align = 1 << ((r >> 40) % 5);
                let p = unsafe { pools.alloc(size, align, |n| region.grow(n)) };
                assert_ne!(p, 0, "step {step}: out of memory");
                assert!(region.contains(p, size));
                assert_eq!(p % align, 0, "step {step}: alignment");
                if !seen.insert(p) {
                    reused += 1;
                }
                let fill = step as u8;
                unsafe { std::ptr::write_bytes(p as *mut u8, fill, size) };
                live.push((p, size, align, fill));
            } else {
                let (p, size, align, fill) = live.swap_remove((r >> 8) as usize % live.len());
                let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, size) };
                assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten while in use");
                unsafe { pools.free(p, size, align) };
            }
        }
        for &(p, size, _, fill) in &live {
            let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, size) };
            assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten while in use");
        }
        let mut spans: Vec<(usize, usize)> = live.iter().map(|&(p, s, _, _)| (p, p + s)).collect();
        spans.sort();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "live blocks overlap");
        assert!(reused > 1000, "freed blocks are taken again ({reused})");
    }

    #[test]
    fn a_failed_grow_is_a_null_block_and_the_allocator_goes_on() {
        let mut region = Region::new(20);
        let mut pools = Pools::new();
        let small = unsafe { pools.alloc(100, 8, |n| region.grow(n)) };
        assert_ne!(small, 0);
        assert_eq!(unsafe { pools.alloc(64 * PAGE, 8, |n| region.grow(n)) }, 0, "more than the region holds");
        let again = unsafe { pools.alloc(100, 8, |n| region.grow(n)) };
        assert_ne!(again, 0);
        assert_ne!(again, small);
    }

    #[test]
    fn memory_grown_elsewhere_is_skipped() {
        let mut region = Region::new(64);
        let mut pools = Pools::new();
        let a = unsafe { pools.alloc(64, 8, |n| region.grow(n)) };
        // Someone else takes the next pages; the allocator's region is used up.
        let _ = region.grow(4);
        let big = unsafe { pools.alloc(20 * PAGE, 8, |n| region.grow(n)) };
        assert_ne!(big, 0);
        assert!(big >= region.base + 20 * PAGE, "the pages grown by someone else are not handed out");
        assert!(big > a);
    }
}
