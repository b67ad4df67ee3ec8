extension SeccompFilter {
    /// System call numbers (from the kernel's syscall tables) of every call the filter names.
    static let numbers: [Architecture: [String: UInt32]] = [
        .x86_64: [
            "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "io_uring_setup": 425,
            "io_uring_enter": 426, "io_uring_register": 427, "bpf": 321, "keyctl": 250, "add_key": 248,
            "request_key": 249, "mount": 165, "umount2": 166, "unshare": 272, "setns": 308, "pivot_root": 155,
            "chroot": 161, "kexec_load": 246, "kexec_file_load": 320, "init_module": 175, "finit_module": 313,
            "delete_module": 176, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
            "fsmount": 432, "fspick": 433, "mount_setattr": 442, "perf_event_open": 298, "userfaultfd": 323,
            "swapon": 167, "swapoff": 168, "reboot": 169, "acct": 163, "quotactl": 179,
            "name_to_handle_at": 303, "open_by_handle_at": 304, "clone": 56, "clone3": 435,
        ],
        .aarch64: [
            "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "io_uring_setup": 425,
            "io_uring_enter": 426, "io_uring_register": 427, "bpf": 280, "keyctl": 219, "add_key": 217,
            "request_key": 218, "mount": 40, "umount2": 39, "unshare": 97, "setns": 268, "pivot_root": 41,
            "chroot": 51, "kexec_load": 104, "kexec_file_load": 294, "init_module": 105, "finit_module": 273,
            "delete_module": 106, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
            "fsmount": 432, "fspick": 433, "mount_setattr": 442, "perf_event_open": 241, "userfaultfd": 282,
            "swapon": 224, "swapoff": 225, "reboot": 142, "acct": 89, "quotactl": 60,
            "name_to_handle_at": 264, "open_by_handle_at": 265, "clone": 220, "clone3": 435,
        ],
    ]
}
