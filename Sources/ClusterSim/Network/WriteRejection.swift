/// Why a client write failed on the way to, or on, a node's PostgreSQL.
enum WriteRejection: Equatable {
    /// The postmaster was starting up.
    case startingUp
    /// The postmaster was shutting down.
    case shuttingDown
    /// The server is a standby.
    case readOnly
    /// The postmaster went away while the commit waited for a synchronous standby.
    case connectionClosed
    /// No process listened on the port.
    case connectionRefused

    /// The error text a client sees.
    var text: String {
        switch self {
        case .startingUp: return "FATAL: the database system is starting up"
        case .shuttingDown: return "FATAL: the database system is shutting down"
        case .readOnly: return "ERROR: cannot execute INSERT in a read-only transaction"
        case .connectionClosed: return "server closed the connection unexpectedly"
        case .connectionRefused: return "connection refused"
        }
    }
}
