import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseStore
import Logging
import Synchronization

/// Keeps a run's sessions in the store (`agent_sessions`), so `gatehouse agent sessions` and
/// `show` list them after the run, and on any replica. A failed save is logged; the run goes on.
final class StoreRecorder: SessionRecorder {
    let store: any GatehouseStore
    let owner: String
    let fileName: String
    let logger: Logger
    /// When each session was first saved.
    private let created = Mutex<[String: Int64]>([:])

    init(store: any GatehouseStore, owner: String, fileName: String, logger: Logger) {
        self.store = store
        self.owner = owner
        self.fileName = fileName
        self.logger = logger
    }

    func save(_ session: AgentSessionState) async {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let messages = (try? encoder.encode(session.messages)) ?? Data("[]".utf8)
        let now = WallClock.nowMicros()
        // A delegated session is over once it has answered; a top session may go on.
        let over = session.parentID != nil && session.state != "running"
        let created = self.created.withLock { created in
            let first = created[session.id, default: now]
            created[session.id] = over ? nil : first
            return first
        }
        let record = AgentSessionRecord(
            id: session.id, parentID: session.parentID, owner: owner, fileName: fileName, agent: session.agent,
            title: session.title, state: session.state, createdMicros: created, updatedMicros: now,
            tokensIn: Int64(session.tokensIn), tokensOut: Int64(session.tokensOut), costMicros: session.costMicros,
            error: session.error, messages: messages)
        do {
            try await store.saveAgentSession(record)
        } catch {
            logger.error(
                "an agent session could not be saved", metadata: ["session": "\(session.id)", "error": "\(error)"])
        }
    }
}
