//! Who is called next, and how many are ahead of a ticket: fair priority as a
//! pure function.
//!
//! Within a service group, checked-in appointments are called first. Then
//! tickets with legal priority (elderly, disabled, pregnant, with a small child)
//! and everyone else take turns in a fixed ratio, by default one priority ticket
//! for every two others, so priority is honoured and nobody waits forever.
//! Within a class, tickets are called in the order they were issued.

/// How priority tickets and the others take turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// Priority tickets called in a row.
    pub priority: u32,
    /// Other tickets called in a row before priority gets its turn again.
    pub normal: u32,
}

impl Default for Ratio {
    fn default() -> Self {
        Self {
            priority: 1,
            normal: 2,
        }
    }
}

/// The class a ticket is called in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// A checked-in appointment.
    Appointment,
    /// Legal priority.
    Priority,
    /// Everyone else.
    Normal,
}

impl Class {
    /// The stored call rank of the class: the order classes are called in.
    pub fn rank(self) -> u8 {
        match self {
            Class::Appointment => 0,
            Class::Priority => 1,
            Class::Normal => 2,
        }
    }

    /// The class of a stored call rank (0, 1, 2).
    pub fn from_rank(rank: u8) -> Self {
        match rank {
            0 => Class::Appointment,
            1 => Class::Priority,
            _ => Class::Normal,
        }
    }
}

/// Where the alternation stands: how the latest calls of the group ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Turn {
    /// Priority tickets called in a row at the end of the group's calls.
    pub priority_run: u32,
    /// Other tickets called in a row at the end of the group's calls.
    pub normal_run: u32,
}

impl Turn {
    /// The turn after the given calls, oldest first (appointments do not count).
    pub fn after(calls: impl IntoIterator<Item = Class>) -> Self {
        calls
            .into_iter()
            .fold(Turn::default(), |turn, class| turn.then(class))
    }

    /// The turn after one more call.
    pub fn then(self, class: Class) -> Self {
        match class {
            Class::Appointment => self,
            Class::Priority => Turn {
                priority_run: self.priority_run + 1,
                normal_run: 0,
            },
            Class::Normal => Turn {
                priority_run: 0,
                normal_run: self.normal_run + 1,
            },
        }
    }

    /// Whose turn it is when both classes wait.
    fn favours(self, ratio: Ratio) -> Class {
        let (p, n) = (ratio.priority.max(1), ratio.normal.max(1));
        if self.priority_run > 0 && self.priority_run < p {
            Class::Priority
        } else if self.priority_run > 0 || (self.normal_run > 0 && self.normal_run < n) {
            Class::Normal
        } else {
            Class::Priority
        }
    }
}

/// The class to call next, given which classes have someone waiting.
pub fn next_class(turn: Turn, ratio: Ratio, waiting: [bool; 3]) -> Option<Class> {
    let [appointment, priority, normal] = waiting;
    if appointment {
        return Some(Class::Appointment);
    }
    match (priority, normal) {
        (false, false) => None,
        (true, false) => Some(Class::Priority),
        (false, true) => Some(Class::Normal),
        (true, true) => Some(turn.favours(ratio)),
    }
}

/// Waiting tickets of a group, per class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Waiting {
    /// Checked-in appointments.
    pub appointment: u32,
    /// Legal priority.
    pub priority: u32,
    /// Everyone else.
    pub normal: u32,
}

/// How many tickets will be called before the `position`-th (1-based) waiting
/// ticket of `class`, when `waiting` counts every waiting ticket of the group.
pub fn people_ahead(
    class: Class,
    position: u32,
    waiting: Waiting,
    turn: Turn,
    ratio: Ratio,
) -> u32 {
    let (p, n) = (ratio.priority.max(1), ratio.normal.max(1));
    let same_class_ahead = position.saturating_sub(1);
    match class {
        Class::Appointment => same_class_ahead,
        Class::Normal => {
            // Normal tickets go in runs of `n`; before run j come j priority runs
            // (one more if priority has the turn now), as long as priority tickets last.
            let (first_run, priority_first) = match turn.favours(ratio) {
                Class::Normal => (n - turn.normal_run.min(n - 1), 0),
                _ => (n, p - turn.priority_run.min(p - 1)),
            };
            let run = if position <= first_run {
                0
            } else {
                (position - first_run).div_ceil(n)
            };
            let priority_calls = if priority_first > 0 {
                priority_first + run * p
            } else {
                run * p
            };
            waiting.appointment + same_class_ahead + priority_calls.min(waiting.priority)
        }
        Class::Priority => {
            let (first_run, normal_first) = match turn.favours(ratio) {
                Class::Priority => (p - turn.priority_run.min(p - 1), 0),
                _ => (p, n - turn.normal_run.min(n - 1)),
            };
            let run = if position <= first_run {
                0
            } else {
                (position - first_run).div_ceil(p)
            };
            let normal_calls = if normal_first > 0 {
                normal_first + run * n
            } else {
                run * n
            };
            waiting.appointment + same_class_ahead + normal_calls.min(waiting.normal)
        }
    }
}

/// One queue as a counter sees it: whose turn it is, and its waiting tickets per
/// class (appointment, priority, normal), each list in issue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueLine<K> {
    /// Where the alternation stands.
    pub turn: Turn,
    /// Waiting tickets by class rank, each sorted by issue time.
    pub classes: [std::collections::VecDeque<K>; 3],
}

/// The order in which a counter serving `lines` will call their tickets, at most
/// `limit` of them: each queue offers the head of the class whose turn it is, and
/// of those, appointments go first, then whoever was issued first (`K` orders by
/// issue time). The first one is what Call next takes.
pub fn call_order<K: Ord + Clone>(
    mut lines: Vec<QueueLine<K>>,
    ratio: Ratio,
    limit: usize,
) -> Vec<K> {
    let mut order = Vec::new();
    while order.len() < limit {
        let mut best: Option<((bool, K), usize, Class)> = None;
        for (i, line) in lines.iter().enumerate() {
            let Some(class) = next_class(
                line.turn,
                ratio,
                line.classes.each_ref().map(|c| !c.is_empty()),
            ) else {
                continue;
            };
            let head = line.classes[usize::from(class.rank())][0].clone();
            let key = (class != Class::Appointment, head);
            if best.as_ref().is_none_or(|(b, _, _)| key < *b) {
                best = Some((key, i, class));
            }
        }
        let Some(((_, ticket), i, class)) = best else {
            break;
        };
        let line = &mut lines[i];
        line.classes[usize::from(class.rank())].pop_front();
        line.turn = line.turn.then(class);
        order.push(ticket);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Calls every waiting ticket one by one with `next_class`; returns the call
    /// order as (class, position within class).
    fn simulate(waiting: Waiting, mut turn: Turn, ratio: Ratio) -> Vec<(Class, u32)> {
        let mut left = [waiting.appointment, waiting.priority, waiting.normal];
        let mut called = [0u32; 3];
        let mut order = Vec::new();
        while let Some(class) = next_class(turn, ratio, left.map(|n| n > 0)) {
            let i = usize::from(class.rank());
            left[i] -= 1;
            called[i] += 1;
            order.push((class, called[i]));
            turn = turn.then(class);
        }
        order
    }

    #[test]
    fn one_priority_then_two_others() {
        let order = simulate(
            Waiting {
                appointment: 1,
                priority: 3,
                normal: 5,
            },
            Turn::default(),
            Ratio::default(),
        );
        let classes: Vec<_> = order.iter().map(|(c, _)| *c).collect();
        use Class::*;
        assert_eq!(
            classes,
            [
                Appointment,
                Priority,
                Normal,
                Normal,
                Priority,
                Normal,
                Normal,
                Priority,
                Normal
            ]
        );
    }

    #[test]
    fn the_turn_carries_over_from_earlier_calls() {
        let turn = Turn::after([Class::Priority, Class::Normal]);
        assert_eq!(
            next_class(turn, Ratio::default(), [false, true, true]),
            Some(Class::Normal)
        );
        let turn = turn.then(Class::Normal);
        assert_eq!(
            next_class(turn, Ratio::default(), [false, true, true]),
            Some(Class::Priority)
        );
    }

    fn ratios() -> impl Strategy<Value = Ratio> {
        (1u32..4, 1u32..5).prop_map(|(priority, normal)| Ratio { priority, normal })
    }

    fn turns(ratio: Ratio) -> impl Strategy<Value = Turn> {
        prop_oneof![
            Just(Turn::default()),
            (1..=ratio.priority).prop_map(|p| Turn {
                priority_run: p,
                normal_run: 0
            }),
            (1..=ratio.normal).prop_map(|n| Turn {
                priority_run: 0,
                normal_run: n
            }),
        ]
    }

    proptest! {
        #[test]
        fn people_ahead_is_the_place_in_the_simulated_order(
            (ratio, turn) in ratios().prop_flat_map(|r| (Just(r), turns(r))),
            appointment in 0u32..4, priority in 0u32..12, normal in 0u32..20,
        ) {
            let waiting = Waiting { appointment, priority, normal };
            for (place, (class, position)) in simulate(waiting, turn, ratio).into_iter().enumerate() {
                prop_assert_eq!(
                    people_ahead(class, position, waiting, turn, ratio), place as u32,
                    "{:?} #{} with {:?} {:?} {:?}", class, position, waiting, turn, ratio
                );
            }
        }

        #[test]
        fn within_a_class_tickets_go_in_arrival_order(
            (ratio, turn) in ratios().prop_flat_map(|r| (Just(r), turns(r))),
            appointment in 0u32..4, priority in 0u32..12, normal in 0u32..20,
        ) {
            // A ticket issued later in its class has more people ahead than every ticket
            // of that class issued before it, so nobody is overtaken within a class.
            let waiting = Waiting { appointment, priority, normal };
            for (class, count) in [
                (Class::Appointment, appointment),
                (Class::Priority, priority),
                (Class::Normal, normal),
            ] {
                let ahead: Vec<u32> = (1..=count)
                    .map(|position| people_ahead(class, position, waiting, turn, ratio))
                    .collect();
                prop_assert!(
                    ahead.windows(2).all(|w| w[0] < w[1]),
                    "{:?} ahead by position {:?} with {:?} {:?} {:?}", class, ahead, waiting, turn, ratio
                );
            }
        }

        #[test]
        fn nobody_waits_forever(
            ratio in ratios(), priority in 0u32..50, normal in 1u32..50,
        ) {
            // However many priority tickets keep coming, the first normal ticket is called
            // after at most one priority run.
            let order = simulate(Waiting { appointment: 0, priority, normal }, Turn::default(), ratio);
            let first_normal = order.iter().position(|(c, _)| *c == Class::Normal).unwrap() as u32;
            prop_assert!(first_normal <= ratio.priority);
        }
    }

    fn line(turn: Turn, classes: [&[u32]; 3]) -> QueueLine<u32> {
        QueueLine {
            turn,
            classes: classes.map(|c| c.iter().copied().collect()),
        }
    }

    #[test]
    fn a_counter_calls_appointments_first_then_by_turn_then_by_issue_time() {
        // Keys are issue times. Queue A: an appointment at 50, priority 10, normals 1, 2, 3.
        let a = line(Turn::default(), [&[50], &[10], &[1, 2, 3]]);
        let order = call_order(vec![a], Ratio::default(), 10);
        // Appointment first, then priority has the turn (nothing called yet), then two
        // normals, then (no priority left) the last normal.
        assert_eq!(order, vec![50, 10, 1, 2, 3]);
    }

    #[test]
    fn two_queues_are_merged_by_issue_time_and_the_limit_holds() {
        let a = line(Turn::default(), [&[], &[], &[1, 4, 6]]);
        let b = line(Turn::default(), [&[], &[], &[2, 3, 5]]);
        assert_eq!(
            call_order(vec![a.clone(), b.clone()], Ratio::default(), 10),
            vec![1, 2, 3, 4, 5, 6]
        );
        assert_eq!(call_order(vec![a, b], Ratio::default(), 2), vec![1, 2]);
        assert!(call_order(Vec::<QueueLine<u32>>::new(), Ratio::default(), 5).is_empty());
    }

    #[test]
    fn a_queue_after_two_normal_calls_offers_its_priority_ticket_even_if_later() {
        let after_two_normals = Turn::after([Class::Normal, Class::Normal]);
        let a = line(after_two_normals, [&[], &[9], &[1, 2]]);
        assert_eq!(call_order(vec![a], Ratio::default(), 3), vec![9, 1, 2]);
    }
}
