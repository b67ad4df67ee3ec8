public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Kernel randomness drawn 4 KiB at a time, for identifiers made on every request (trace and
/// span ids, row ids): `SystemRandomNumberGenerator` makes one system call per eight bytes and
/// Foundation's `UUID()` opens, reads and closes `/dev/urandom` each time.
///
/// The bytes are as random as the kernel's, but they wait in memory until used, so they are
/// for identifiers only: secrets (tokens, keys, PKCE verifiers) draw from the system
/// generator directly.
public enum RandomPool {
    private static let size = 4096
    private static let pool = Mutex<(bytes: [UInt8], next: Int)>(([], size))

    /// `count` random bytes (at most 4 KiB).
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= size, "RandomPool hands out at most \(size) bytes at once")
        return pool.withLock { pool in
            if pool.next + count > size {
                pool.bytes = refill()
                pool.next = 0
            }
            defer { pool.next += count }
            return Array(pool.bytes[pool.next..<pool.next + count])
        }
    }

    /// A random 64-bit value.
    public static func uint64() -> UInt64 {
        bytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A random (version 4) UUID.
    public static func uuid() -> UUID {
        var raw = bytes(16)
        raw[6] = raw[6] & 0x0F | 0x40
        raw[8] = raw[8] & 0x3F | 0x80
        return UUID(
            uuid: (
                raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11],
                raw[12], raw[13], raw[14], raw[15]
            ))
    }

    private static func refill() -> [UInt8] {
        var fresh = [UInt8](repeating: 0, count: size)
        #if canImport(Glibc)
            let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                defer { close(descriptor) }
                var filled = 0
                while filled < size {
                    let got = fresh.withUnsafeMutableBytes { buffer in
                        read(descriptor, buffer.baseAddress! + filled, size - filled)
                    }
                    if got > 0 {
                        filled += got
                    } else if got == 0 || errno != EINTR {
                        break
                    }
                }
                if filled == size { return fresh }
            }
        #endif
        // Without /dev/urandom, the system generator, eight bytes at a time.
        var generator = SystemRandomNumberGenerator()
        for index in stride(from: 0, to: size, by: 8) {
            var value = generator.next() as UInt64
            for offset in 0..<8 {
                fresh[index + offset] = UInt8(truncatingIfNeeded: value)
                value >>= 8
            }
        }
        return fresh
    }
}
