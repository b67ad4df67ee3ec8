import Foundation

#if canImport(Glibc)
    package import Glibc

    /// What a spawned child must not inherit: every descriptor from a number on (the server's
    /// sockets, its database, other children's pipes — a pipe's write end held by an unrelated
    /// child keeps its reader waiting for an end that never comes).
    package enum SpawnDescriptors {
        /// Adds to `actions` the closing of every descriptor from `first` on: glibc's `closefrom`
        /// action where it has one (2.34 and later), else each descriptor open now.
        package static func closeInherited(_ actions: inout posix_spawn_file_actions_t, from first: Int32) {
            if let closeFrom = closeFromAction {
                _ = closeFrom(&actions, first)
                return
            }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap(Int32.init) where fd >= first {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }

        /// Makes the child start with no blocked signals and every signal's default handling
        /// (plus `flags`), whatever the spawning thread had: a dispatch worker blocks some, and
        /// Gatehouse ignores SIGPIPE, which a child would otherwise inherit and then not die on
        /// a closed pipe.
        package static func resetSignals(_ attributes: inout posix_spawnattr_t, flags: Int32 = 0) {
            var none = sigset_t()
            sigemptyset(&none)
            var all = sigset_t()
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | flags))
        }

        private typealias CloseFrom =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time (Swift's Glibc module
        /// does not declare it).
        private static let closeFromAction: CloseFrom? = {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(symbol, to: CloseFrom.self)
        }()
    }
#endif
