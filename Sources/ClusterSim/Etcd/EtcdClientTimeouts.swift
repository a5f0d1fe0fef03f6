/// Patroni's per-request timeouts over a list of etcd endpoints (PATRONI.md §1.5,
/// `dcs/etcd.py::AbstractEtcdClientWithFailover._calculate_timeouts`).
///
/// `retry_timeout` is split over the endpoints, at least 1 s each; with too many
/// endpoints fewer are tried. One endpoint gets three HTTP attempts (two urllib3
/// retries), two endpoints two attempts each, three or more one each.
///
/// One endpoint always gets three attempts of `retry_timeout / 3`, as the single-member
/// model always had (Patroni agrees whenever `retry_timeout` ≥ 3 s, which its validator
/// enforces).
struct EtcdClientTimeouts: Sendable, Equatable {
    /// How many endpoints one round of a call tries.
    let endpoints: Int
    /// The timeout of one HTTP attempt.
    let perAttempt: SimDuration
    /// HTTP attempts per endpoint before the client moves to the next.
    let attemptsPerEndpoint: Int

    /// Computes the timeouts for `members` endpoints and the retry deadline `retryTimeout`.
    init(members: Int, retryTimeout: SimDuration) {
        guard members > 1 else {
            endpoints = 1
            perAttempt = retryTimeout / 3
            attemptsPerEndpoint = 3
            return
        }
        let minimum = SimDuration.seconds(1)
        var nodes = members
        var maxAttempts = 4 - min(nodes, 3)
        var attempts = 1
        var perNode = retryTimeout
        while nodes > 0 {
            perNode = retryTimeout / Int64(nodes)
            if perNode >= minimum {
                while attempts < maxAttempts && perNode / Int64(attempts + 1) >= minimum {
                    attempts += 1
                }
                perNode = perNode / Int64(attempts)
                break
            }
            nodes -= 1
            maxAttempts = 1
        }
        if nodes == 0 {
            // retry_timeout below 1 s: Patroni still tries the first endpoint once, with the whole deadline.
            nodes = 1
            perNode = retryTimeout
        }
        endpoints = nodes
        perAttempt = perNode
        attemptsPerEndpoint = attempts
    }

    /// HTTP attempts in one round over the endpoints.
    var attemptsPerRound: Int { endpoints * attemptsPerEndpoint }
}
