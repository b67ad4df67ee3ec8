/// The seccomp filter of the namespace backend, generated here as a classic BPF program
/// (`struct sock_filter[]`) that bubblewrap loads before the command runs.
///
/// It refuses with EPERM what a sandboxed process never needs and an escape attempt would:
/// tracing other processes, reading their memory, io_uring, BPF, kernel keyrings, mounting and
/// new namespaces, kexec and kernel modules, and a few more. `clone3` answers ENOSYS (its flags
/// live in memory a filter cannot read, so the C library falls back to `clone`, whose flags are
/// checked). Another architecture, or the x32 ABI, kills the process.
public struct SeccompFilter: Sendable, Hashable {
    /// A CPU architecture the filter knows the system call numbers of.
    public enum Architecture: String, Sendable, Hashable, CaseIterable {
        case x86_64, aarch64

        /// The `AUDIT_ARCH_*` value the kernel reports.
        var auditArch: UInt32 {
            switch self {
            case .x86_64: 0xC000_003E
            case .aarch64: 0xC000_00B7
            }
        }

        /// The machine this process runs on.
        public static var current: Architecture? {
            #if arch(x86_64)
                .x86_64
            #elseif arch(arm64)
                .aarch64
            #else
                nil
            #endif
        }
    }

    /// The architecture.
    public var architecture: Architecture

    /// Creates the filter for `architecture`.
    public init(architecture: Architecture) {
        self.architecture = architecture
    }

    /// System calls refused with EPERM, by name.
    public static let denied = [
        "ptrace", "process_vm_readv", "process_vm_writev", "io_uring_setup", "io_uring_enter",
        "io_uring_register", "bpf", "keyctl", "add_key", "request_key", "mount", "umount2", "unshare",
        "setns", "pivot_root", "chroot", "kexec_load", "kexec_file_load", "init_module", "finit_module",
        "delete_module", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
        "mount_setattr", "perf_event_open", "userfaultfd", "swapon", "swapoff", "reboot", "acct",
        "quotactl", "name_to_handle_at", "open_by_handle_at",
    ]

    /// `clone` flags that create namespaces (`CLONE_NEWNS`, `NEWCGROUP`, `NEWUTS`, `NEWIPC`,
    /// `NEWUSER`, `NEWPID`, `NEWNET`, `NEWTIME`).
    static let namespaceFlags: UInt32 =
        0x0002_0000 | 0x0200_0000 | 0x0400_0000 | 0x0800_0000 | 0x1000_0000
        | 0x2000_0000 | 0x4000_0000 | 0x0000_0080

    /// The system call numbers of `architecture`.
    public func number(_ name: String) -> UInt32? {
        Self.numbers[architecture]?[name]
    }

    /// The BPF program, as the bytes bubblewrap reads from `--seccomp FD`.
    public var program: [UInt8] {
        instructions.flatMap(\.bytes)
    }

    /// The program's instructions.
    var instructions: [Instruction] {
        let errnoEPERM = Instruction.ret(0x0005_0000 | 1)
        let errnoENOSYS = Instruction.ret(0x0005_0000 | 38)
        var out: [Instruction] = [
            .load(offset: 4),  // seccomp_data.arch
            .jumpIfEqual(architecture.auditArch, skip: 1),
            .ret(0x8000_0000),  // SECCOMP_RET_KILL_PROCESS
            .load(offset: 0),  // seccomp_data.nr
        ]
        if architecture == .x86_64 {
            // x32 system calls have bit 30 set.
            out += [.jumpIfGreaterOrEqual(0x4000_0000, thenSkip: 0, elseSkip: 1), .ret(0x8000_0000)]
        }
        for name in Self.denied {
            guard let nr = number(name) else { continue }
            out += [.jumpIfEqual(nr, thenSkip: 0, elseSkip: 1), errnoEPERM]
        }
        if let clone3 = number("clone3") { out += [.jumpIfEqual(clone3, thenSkip: 0, elseSkip: 1), errnoENOSYS] }
        if let clone = number("clone") {
            out += [
                .jumpIfEqual(clone, thenSkip: 0, elseSkip: 3),
                .load(offset: 16),  // the low half of args[0], the flags
                .jumpIfAnyBit(Self.namespaceFlags, thenSkip: 0, elseSkip: 1),
                errnoEPERM,
            ]
        }
        out.append(.ret(0x7FFF_0000))  // SECCOMP_RET_ALLOW
        return out
    }

    /// One classic BPF instruction.
    struct Instruction: Hashable {
        let code: UInt16
        let jt: UInt8
        let jf: UInt8
        let k: UInt32

        static func load(offset: UInt32) -> Instruction { .init(code: 0x20, jt: 0, jf: 0, k: offset) }
        static func ret(_ value: UInt32) -> Instruction { .init(code: 0x06, jt: 0, jf: 0, k: value) }
        static func jumpIfEqual(_ value: UInt32, skip: UInt8) -> Instruction {
            .init(code: 0x15, jt: skip, jf: 0, k: value)
        }
        static func jumpIfEqual(_ value: UInt32, thenSkip: UInt8, elseSkip: UInt8) -> Instruction {
            .init(code: 0x15, jt: thenSkip, jf: elseSkip, k: value)
        }
        static func jumpIfGreaterOrEqual(_ value: UInt32, thenSkip: UInt8, elseSkip: UInt8) -> Instruction {
            .init(code: 0x35, jt: thenSkip, jf: elseSkip, k: value)
        }
        static func jumpIfAnyBit(_ mask: UInt32, thenSkip: UInt8, elseSkip: UInt8) -> Instruction {
            .init(code: 0x45, jt: thenSkip, jf: elseSkip, k: mask)
        }

        /// `struct sock_filter`, little-endian (both supported architectures are).
        var bytes: [UInt8] {
            [UInt8(code & 0xFF), UInt8(code >> 8), jt, jf] + (0..<4).map { UInt8((k >> (8 * $0)) & 0xFF) }
        }
    }
}
