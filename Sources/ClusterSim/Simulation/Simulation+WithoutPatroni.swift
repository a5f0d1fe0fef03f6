extension Simulation {
    /// Without Patroni the first node runs initdb and starts as primary; the others are
    /// cloned from it once it runs (`cloneReplicas`). Slots are made by hand at clone time.
    func bootWithoutPatroni() {
        note(0, "initdb", "initdb and start as primary (no coordinator)")
        env.scheduler.schedule(.postgresStep(node: 0, generation: postgres[0].generation, .initdbDone), after: options.postgres.initdb)
        if case .none(let script) = options.ha, let standby = scriptStandby {
            env.scheduler.schedule(.scriptCheck(node: standby), after: options.postgres.initdb + script.checkInterval)
        }
        if case .manual(let operatorSettings) = options.ha {
            env.scheduler.schedule(.operatorCheck, after: options.postgres.initdb + operatorSettings.checkInterval)
        }
    }

    /// The bootstrap primary is up: every other node takes a base backup from it.
    func cloneReplicas(from primary: Int) {
        let micros = transferMicroseconds(bytes: options.postgres.dataSize, bytesPerSecond: options.postgres.basebackupBytesPerSecond)
        for node in postgres.indices where node != primary && !postgres[node].hasData {
            note(node, "basebackup", "pg_basebackup from \(name(primary))")
            postgres[primary].slots[node] = true
            env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .basebackupDone(from: primary)),
                               after: SimDuration(microseconds: micros))
        }
    }

    // MARK: "ha": "none"

    /// The standby whose script promotes it: the first node after the bootstrap primary.
    var scriptStandby: Int? { options.nodes.count > 1 ? 1 : nil }

    /// The script checks the primary its standby follows.
    func runScriptCheck(_ node: Int) {
        guard case .none(let script) = options.ha, !coordinator.scriptPromoted else { return }
        env.scheduler.schedule(.scriptCheck(node: node), after: script.checkInterval)
        guard postgres[node].state == .running, !postgres[node].isPrimary, let primary = postgres[node].upstream else { return }
        ping(primary, from: HostID(node), asker: .script(node), timeout: script.checkInterval)
    }

    /// After `promote_after` of failed checks the script promotes its standby; nothing
    /// demotes the old primary.
    func scriptChecked(_ node: Int, primaryHealthy: Bool) {
        guard case .none(let script) = options.ha, !coordinator.scriptPromoted else { return }
        if primaryHealthy {
            coordinator.failingSince = nil
            return
        }
        let since = coordinator.failingSince ?? now
        coordinator.failingSince = since
        guard now - since >= script.promoteAfter, postgres[node].state == .running, !postgres[node].isPrimary else { return }
        coordinator.scriptPromoted = true
        note(node, "promote", "failover script: primary unreachable for \(now - since), promoting \(name(node))")
        let time = now
        env.recorder.failovers.newLeaderChosen(node, name: name(node), at: time)
        promote(node)
    }

    // MARK: "ha": "manual"

    /// The monitoring the operator watches checks the primary the application uses.
    func runMonitoringCheck() {
        guard case .manual(let operatorSettings) = options.ha else { return }
        env.scheduler.schedule(.operatorCheck, after: operatorSettings.checkInterval)
        guard !coordinator.incidentOpen else { return }
        ping(clients.applicationTarget, from: layout.router, asker: .monitoring, timeout: operatorSettings.checkInterval)
    }

    /// A failed check opens an incident: the operator notices after the detection delay.
    func monitoringChecked(primaryHealthy: Bool) {
        guard case .manual(let operatorSettings) = options.ha, !primaryHealthy, !coordinator.incidentOpen else { return }
        coordinator.incidentOpen = true
        note(layout.router, "alert", "monitoring: \(name(clients.applicationTarget)) does not answer as primary")
        env.scheduler.schedule(.operatorStep(.detected), after: coordinator.draw(operatorSettings.detection))
    }

    /// The operator's procedure: detect, decide, promote the most advanced replica, verify,
    /// repoint the application.
    func operatorStepDone(_ step: OperatorStep) {
        guard case .manual(let settings) = options.ha else { return }
        let host = layout.router
        switch step {
        case .detected:
            note(host, "operator", "operator notices that \(name(clients.applicationTarget)) is down")
            env.scheduler.schedule(.operatorStep(.decided), after: coordinator.draw(settings.decision))
        case .decided:
            let primary = clients.applicationTarget
            if postgres[primary].acceptsWrites {
                note(host, "operator", "operator finds \(name(primary)) healthy again: no failover")
                coordinator.incidentOpen = false
                return
            }
            let replicas = postgres.indices.filter { postgres[$0].state == .running && !postgres[$0].isPrimary }
            guard let candidate = replicas.max(by: { postgres[$0].lsn < postgres[$1].lsn }) else {
                note(host, "operator", "operator finds no running replica to promote")
                coordinator.incidentOpen = false
                return
            }
            note(host, "operator", "operator decides to promote \(name(candidate))")
            let time = now
            env.recorder.failovers.newLeaderChosen(candidate, name: name(candidate), at: time)
            env.scheduler.schedule(.operatorStep(.executed(candidate: candidate)), after: coordinator.draw(settings.execution))
        case .executed(let candidate):
            note(host, "operator", "operator runs pg_ctl promote on \(name(candidate)) and repoints the replicas")
            promote(candidate)
            for node in postgres.indices where node != candidate && postgres[node].state == .running && !postgres[node].isPrimary {
                postgres[node].upstream = candidate
                restartReceiver(node)
            }
            env.scheduler.schedule(.operatorStep(.verified(candidate: candidate)), after: coordinator.draw(settings.verification))
        case .verified(let candidate):
            note(host, "operator", "operator verified \(name(candidate)) as the new primary")
            env.scheduler.schedule(.operatorStep(.applicationUpdated(candidate: candidate)), after: coordinator.draw(settings.applicationUpdate))
        case .applicationUpdated(let candidate):
            clients.applicationTarget = candidate
            coordinator.incidentOpen = false
            note(host, "operator", "application repointed to \(name(candidate))")
        }
    }
}
