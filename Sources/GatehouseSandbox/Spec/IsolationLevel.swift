/// How strongly a backend isolates: `microvm` > `gvisor` > `namespaces`. Policy may require a
/// minimum; a host that cannot provide it refuses, it never downgrades.
public enum IsolationLevel: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Linux namespaces, seccomp, Landlock and cgroups around the host kernel (bubblewrap).
    case namespaces
    /// A user-space kernel (gVisor).
    case gvisor
    /// A separate kernel in a virtual machine (QEMU).
    case microvm

    var rank: Int {
        switch self {
        case .namespaces: 0
        case .gvisor: 1
        case .microvm: 2
        }
    }

    public static func < (a: IsolationLevel, b: IsolationLevel) -> Bool { a.rank < b.rank }
}
