#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Large buffers written once from start to end (a spec's bytes, a tree's
/// records and text) in pages of 2 MB where the system has them (Linux's
/// transparent huge pages, on request): a page fault per 2 MB instead of one
/// per 4 KB. A 3 MB spec read into 4 KB pages costs about 750 faults per
/// buffer, and the kernel's work on them was a fifth of `diff`'s time.
enum HugePages {
    static let size = 2 << 20

    /// Asks for huge pages for every whole, aligned 2 MB of the `bytes` at
    /// `pointer`. Advice only: where it is refused, nothing changes.
    static func advise(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= size else { return }
        let start = (Int(bitPattern: pointer) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: pointer) + bytes) & ~(size - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// `bytes` of memory that start on a 2 MB boundary when they are at
    /// least 2 MB, advised as huge pages; nil when there is no memory.
    /// Freed with `free`.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        if bytes >= size {
            var pointer: UnsafeMutableRawPointer?
            guard posix_memalign(&pointer, size, bytes) == 0, let pointer else { return nil }
            advise(pointer, bytes: bytes)
            return pointer
        }
        #endif
        return malloc(max(bytes, 1))
    }
}
