//! Criterion benches of the core: one account (typical, and a 200-event history), and 100,000
//! accounts evaluated and exported. `cargo xtask bench` runs these and prints the figures.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use nhsmail_rules::{
    evaluate_account, export_decisions, Account, AccountKind, Channel, EvaluationOptions, Event,
    EventType, IsoDate, Roster,
};

fn day(text: &str) -> IsoDate {
    text.parse().expect("a bench date")
}

fn event(on: IsoDate, kind: EventType) -> Event {
    Event {
        on,
        kind,
        channel: (kind == EventType::Activity).then_some(Channel::PortalLogin),
        organisation: None,
        address: None,
    }
}

/// A user who signs in now and then; `n` events spread from `created`, some gaps long enough
/// to go inactive and come back.
fn account(i: usize, n: usize) -> Account {
    let created = day("2023-01-02");
    let mut events = vec![
        event(created, EventType::AupAccepted),
        event(created, EventType::AccountSecretSet),
    ];
    let mut on = created;
    for k in 0..n.saturating_sub(2) {
        let gap = [3, 5, 11, 40][(i + k) % 4];
        on = on.plus_days(gap).expect("a date in range");
        events.push(event(on, EventType::Activity));
    }
    Account {
        id: format!("user{i}"),
        kind: AccountKind::User,
        created,
        onboarded: Some(false),
        active_on: None,
        address: Some(format!("user{i}@nhs.net")),
        organisation: Some("Rose Care Home".to_owned()),
        recorded_state: None,
        recorded_since: None,
        events,
    }
}

/// A roster row as a back office knows it: a last sign-in date, no event history.
fn roster_account(i: usize) -> Account {
    let created = day("2020-01-01")
        .plus_days((i * 7 % 1500) as u64)
        .expect("a date");
    let idle = [2, 9, 25, 33, 70, 400][i % 6];
    Account {
        id: format!("u{i:07}"),
        kind: if i % 20 == 0 {
            AccountKind::Shared
        } else {
            AccountKind::User
        },
        created,
        onboarded: Some(i % 30 != 0),
        active_on: day("2025-11-01").minus_days(idle).filter(|d| *d >= created),
        address: None,
        organisation: None,
        recorded_state: None,
        recorded_since: None,
        events: Vec::new(),
    }
}

fn benches(c: &mut Criterion) {
    let national = EvaluationOptions::built_in("national")
        .resolve()
        .expect("national");
    let as_of = day("2025-11-01");

    let mut one = c.benchmark_group("one account");
    one.throughput(Throughput::Elements(1));
    let typical = account(1, 12);
    one.bench_function("typical (12 events)", |b| {
        b.iter(|| evaluate_account(&typical, as_of, &national))
    });
    let long = account(2, 200);
    one.bench_function("200 events", |b| {
        b.iter(|| evaluate_account(&long, as_of, &national))
    });
    one.finish();

    let roster = Roster {
        accounts: (0..100_000).map(roster_account).collect(),
    };
    let mut many = c.benchmark_group("100,000 accounts");
    many.throughput(Throughput::Elements(100_000));
    many.sample_size(10);
    many.bench_function("evaluate", |b| b.iter(|| roster.evaluate(as_of, &national)));
    many.bench_function("exportDecisions", |b| {
        b.iter_batched(
            || (),
            |()| export_decisions(&roster, as_of, &national, 7),
            BatchSize::PerIteration,
        )
    });
    many.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
