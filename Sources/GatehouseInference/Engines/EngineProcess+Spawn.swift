import Foundation
import GatehouseCore
import Glibc

extension EngineProcess {
    /// `setpriv` sets the parent-death signal before exec; without it children outlive a crashed server.
    static let setpriv: String? =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") ? "/usr/bin/setpriv" : nil

    /// Spawns `argv` with an empty environment except `PATH`, `LANG` and a private `HOME`,
    /// stdout and stderr appended to `logPath`, stdin from `/dev/null`, SIGKILL on server death.
    static func spawn(argv: [String], logPath: String) async throws(GatehouseError) -> EngineProcess {
        let parent = ProcessInfo.processInfo.environment
        let searchPath = parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let first = argv.first, let executable = LlamaEngineSettings.findExecutable(first, searchPath: searchPath)
        else { throw GatehouseError(.engineUnavailable, "engine command not found: \(argv.first ?? "(empty)")") }
        let home = try makeHome()
        let environment = ["PATH=\(searchPath)", "HOME=\(home)", "LANG=\(parent["LANG"] ?? "C.UTF-8")"]
        var full = [executable] + argv.dropFirst()
        if let setpriv { full = [setpriv, "--pdeathsig", "KILL", "--"] + full }
        let program = full[0]
        let args = full
        let pid = try await SpawnThread.shared.run { () throws(GatehouseError) -> pid_t in
            try posixSpawn(program: program, argv: args, environment: environment, logPath: logPath)
        }
        return EngineProcess(pid: pid, logPath: logPath, home: home)
    }

    private static func makeHome() throws(GatehouseError) -> String {
        var template = Array("\(NSTemporaryDirectory())/gatehouse-engine-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            throw GatehouseError(.engineUnavailable, "cannot create engine home: errno \(errno)")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func posixSpawn(
        program: String, argv: [String], environment: [String], logPath: String
    ) throws(GatehouseError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        SpawnDescriptors.closeInherited(&actions, from: 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group, so a terminal's Ctrl-C reaches the server, which then unloads engines.
        // Also: no blocked signals, default dispositions (the server may block or ignore some).
        SpawnDescriptors.resetSignals(&attributes, flags: POSIX_SPAWN_SETPGROUP)
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = environment.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, &cArgs, &cEnv)
        guard result == 0 else {
            throw GatehouseError(.engineUnavailable, "cannot spawn \(program): \(String(cString: strerror(result)))")
        }
        return pid
    }
}
