public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Foundation's `Process.run()` on Linux (Swift 6.3.1) sometimes crashes: before spawning it
/// lists `/proc/self/fd` with `readdir` and copies each entry's whole 256-byte `d_name`, which
/// reads past glibc's directory buffer when the last entry sits at its end and the next page is
/// unmapped (swift-corelibs-foundation PR 5472). Full test runs crashed there three times.
///
/// Every test launches through here. The first launch makes glibc serve allocations of 32 KiB
/// and more (the directory buffer is 32 KiB plus a header) from their own page-rounded
/// mappings, which leaves about 4 KiB of mapped slack after the buffer, more than the 256-byte
/// over-read. Launches are also taken one at a time.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// `mallopt(M_MMAP_THRESHOLD, 32 KiB)`, looked up at run time (`malloc.h` is not in the
    /// Glibc module); true when glibc took it.
    public static let mappedDirectoryBuffers: Bool = {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            return unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 32 * 1024) == 1
        #else
            return false
        #endif
    }()

    /// Launches `process` while no other test is launching one.
    public static func run(_ process: Process) throws {
        _ = mappedDirectoryBuffers
        try lock.withLock { _ in try process.run() }
    }
}
