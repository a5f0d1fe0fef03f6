/// What the simulated processes share: virtual time, the network between their hosts, the
/// recorder that feeds the checkers, and the registry that names WAL branches.
///
/// It is the only way a process reaches another host: it schedules its own timers on the
/// scheduler and `send`s messages, which the network delivers after its latency or drops
/// under a partition. It holds no process's state. One scheduler and one sequence counter
/// order every event of the run, so determinism does not depend on how processes are cut.
struct Environment: ~Copyable {
    /// The one owner of virtual time.
    var scheduler = Scheduler<SimEvent>()
    /// The links between hosts.
    var network: Network
    /// What the run looks like to the checkers, the timeline and the history.
    var recorder: Recorder
    /// The hosts and their IDs.
    let layout: HostLayout
    /// Every WAL branch created so far, so that a branch named in a message (as WAL data
    /// carries it) can be compared with another by history, as PostgreSQL does.
    var timelines = TimelineRegistry()
    /// How many nodes' Patroni is frozen now (so that dispatch looks only when one is).
    var frozenAgentCount = 0

    /// An environment for the hosts of `layout`.
    init(network: Network, recorder: Recorder, layout: HostLayout) {
        self.network = network
        self.recorder = recorder
        self.layout = layout
    }

    /// The current virtual time.
    var now: SimInstant { scheduler.now }

    /// Sends `payload` from `from` to `to`: delivered after the network delay if the link
    /// is open, silently dropped otherwise. Returns whether it left.
    @discardableResult
    mutating func send(_ payload: Payload, from: HostID, to: HostID, extraDelay: SimDuration = .zero) -> Bool {
        guard network.isOpen(from: from, to: to) else { return false }
        let delay = network.nextDelay() + extraDelay
        scheduler.schedule(.deliver(Message(from: from, to: to, payload: payload)), after: delay)
        return true
    }

    /// Sends etcd traffic: its content waits in `Network.held` until the delivery (and is
    /// not held at all when the link drops it).
    @discardableResult
    mutating func send(_ payload: consuming HeldPayload, from: HostID, to: HostID, extraDelay: SimDuration = .zero) -> Bool {
        guard network.isOpen(from: from, to: to) else { return false }
        return send(.held(slot: network.held.hold(payload)), from: from, to: to, extraDelay: extraDelay)
    }

    /// Adds a notable event on `host` (nil: the cluster) to the timeline.
    mutating func note(_ host: HostID?, _ kind: TimelineKind, _ message: String) {
        recorder.note(TimelineEntry(at: now, host: host.map(layout.name(of:)), kind: kind, message: message))
    }

    /// Adds a timeline entry unless `host`'s previous entry said the same thing.
    mutating func noteOnce(_ host: HostID, _ kind: TimelineKind, _ message: String) {
        if recorder.lastEntry(on: layout.name(of: host))?.message == message { return }
        note(host, kind, message)
    }
}
