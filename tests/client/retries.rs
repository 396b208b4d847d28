//! The retry policy per endpoint, backoff and jitter, Retry-After, aborts during waits, per-attempt timeouts.

use super::*;

#[test]
fn retries_503_then_succeeds_with_backoff() {
    let c = config();
    let t = FakeTransport::new(vec![err(503, "busy"), err(503, "busy"), ok(200, json!([]))]);
    let clock = FakeClock {
        random: 0.0,
        ..FakeClock::default()
    };
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(t.attempts(), 3);
    assert_eq!(*clock.sleeps.borrow(), vec![375, 750]);
    let t = FakeTransport::new(vec![err(503, "busy"), err(503, "busy"), err(503, "busy")]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!(
        (e.code, e.status, t.attempts()),
        (ErrorCode::ServerError, Some(503), 3)
    );
}

#[test]
fn backoff_formula_and_jitter_bounds() {
    use wazper::client::retry::backoff_ms;
    for n in 0..40u32 {
        let base = (500.0 * 2f64.powi(n.min(30) as i32)).min(8000.0);
        for r in [0.0, 0.25, 0.5, 0.999999, 1.0] {
            let d = f64::from(backoff_ms(n, r));
            assert!(d >= (base * 0.75).floor() && d <= base, "n={n} r={r} d={d}");
        }
        assert_eq!(f64::from(backoff_ms(n, 1.0)), base);
        assert_eq!(f64::from(backoff_ms(n, 0.0)), base * 0.75);
    }
    assert_eq!(backoff_ms(0, f64::NAN), 500);
}

#[test]
fn retry_rules_per_endpoint() {
    let retried: &[fn() -> Outcome] = &[
        || Err(TransportError::Network),
        || Err(TransportError::Timeout),
        || err(408, "x"),
        || err(429, "x"),
        || err(500, "x"),
        || err(502, "x"),
        || err(503, "x"),
        || err(504, "x"),
    ];
    let not_retried: &[fn() -> Outcome] = &[
        || err(400, "User email is required"),
        || err(401, "Invalid API Key"),
        || err(402, "x"),
        || err(403, "x"),
        || err(404, "x"),
        || err(409, "x"),
        || err(501, "x"),
        || err(505, "x"),
        || Err(TransportError::Aborted),
        || ok(200, json!({"nope": 1})),
    ];
    // The cases of `retried` each endpoint repeats (contract, Retries): createColleague only 429;
    // userSync only 408, 429 and 503 unless retryUnsafe, where the API did not run.
    let safe_for = |endpoint: Endpoint, retry_unsafe: bool, i: usize| match endpoint {
        Endpoint::CreateColleague => i == 3,
        Endpoint::UserSync if !retry_unsafe => matches!(i, 2 | 3 | 6),
        _ => true,
    };
    for retry_unsafe in [false, true] {
        let c = config_with(|r| r.retry_unsafe = Field::Bool(retry_unsafe));
        for call in all_calls(&c) {
            for (i, make) in retried.iter().enumerate() {
                let t = FakeTransport::new(vec![make(), make(), make(), make()]);
                let _ = run(&c, &call, &t, &FakeClock::default());
                let want = if safe_for(call.endpoint, retry_unsafe, i) {
                    3
                } else {
                    1
                };
                assert_eq!(
                    t.attempts(),
                    want,
                    "{:?} case {i} retryUnsafe {retry_unsafe}",
                    call.endpoint
                );
            }
        }
    }
    let c = config();
    for call in all_calls(&c) {
        for (i, make) in not_retried.iter().enumerate() {
            let t = FakeTransport::new(vec![make(), make()]);
            let _ = run(&c, &call, &t, &FakeClock::default());
            assert_eq!(t.attempts(), 1, "{:?} case {i}", call.endpoint);
        }
    }
}

#[test]
fn max_retries_bounds_attempts() {
    for n in [0u32, 1, 5] {
        let c = config_with(|r| r.max_retries = Field::Number(f64::from(n)));
        let t = FakeTransport::new((0..10).map(|_| err(503, "x")).collect());
        let clock = FakeClock::default();
        let _ = run(&c, &list_call(&c), &t, &clock);
        assert_eq!(t.attempts() as u32, n + 1);
        assert_eq!(clock.sleeps.borrow().len() as u32, n);
    }
}

#[test]
fn retry_after_seconds_and_dates() {
    let c = config();
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(429, "2"),
        err_after(503, " 0 "),
        ok(200, json!([])),
    ]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![2000, 0]);
    assert_eq!(
        clock.randoms_drawn.get(),
        0,
        "Retry-After replaces the backoff"
    );

    // An HTTP date 10 s ahead of the fake clock.
    let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
    let clock = FakeClock {
        now,
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![
        err_after(503, "Sun, 06 Nov 1994 08:49:47 GMT"),
        err_after(503, "Sun, 06 Nov 1994 08:00:00 GMT"),
        ok(200, json!([])),
    ]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![10_000, 0]);

    // Unparseable: the backoff applies.
    let clock = FakeClock {
        random: 1.0,
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![err_after(503, "soon"), ok(200, json!([]))]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![500]);

    // 60 s is waited; 61 s fails at once with that error.
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(503, "60"),
        err_after(429, "61"),
        ok(200, json!([])),
    ]);
    let e = run(&c, &list_call(&c), &t, &clock).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::RateLimited, Some(429)));
    assert_eq!(e.details.unwrap().retry_after_seconds, Some(61));
    assert_eq!(*clock.sleeps.borrow(), vec![60_000]);
    assert_eq!(t.attempts(), 2);

    // createColleague honours Retry-After on 429 too.
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(429, "1"),
        ok(201, colleague("tbi_1", "a@acme.example")),
    ]);
    assert!(run(&c, &create_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![1000]);
}

#[test]
fn http_date_forms() {
    use wazper::client::retry::{parse_http_date, parse_retry_after, RetryAfter};
    let want = 784_111_777_000.0;
    assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(want));
    assert_eq!(
        parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
        Some(want)
    );
    assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(want));
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
    assert_eq!(
        parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
        Some(1_835_481_599_000.0)
    );
    for bad in [
        "",
        "Sun, 06 Nov 1994",
        "06 Foo 1994 08:49:37",
        "Sun, 06 Nov 1994 25:00:00 GMT",
        "1994-11-06T08:49:37Z",
        "Sun, 06 Nov 1994 08:49:37:01 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
    // Impossible calendar dates are not dates: 2100 is not a leap year, November has 30 days, a
    // day has 24 hours, and 6 Nov 1994 was a Sunday.
    for bad in [
        "Mon, 29 Feb 2100 00:00:00 GMT",
        "Thu, 31 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Monday, 29-Feb-99 00:00:00 GMT",
        "Mon Feb 29 00:00:00 2100",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
        assert_eq!(parse_retry_after(bad, 0.0), None, "{bad}");
    }
    assert_eq!(
        parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
        Some(951_782_400_000.0)
    );
    // Found by fuzz/retry_after: surrounding whitespace, tabs too, is the header's.
    assert_eq!(
        parse_http_date("\tSun Nov  6 08:49:37 1994 "),
        Some(784_111_777_000.0)
    );
    // Seconds beyond any JS safe integer are refused, and reported as an exact JS number.
    use wazper::client::retry::MAX_SAFE_INTEGER;
    for huge in [
        "99999999999999999999",
        "99999999999999999999999",
        "9007199254740992",
    ] {
        assert_eq!(
            parse_retry_after(huge, 0.0),
            Some(RetryAfter::TooLong(MAX_SAFE_INTEGER)),
            "{huge}"
        );
    }
    assert_eq!(
        parse_retry_after("9007199254740991", 0.0),
        Some(RetryAfter::TooLong(9_007_199_254_740_991))
    );
    assert_eq!(parse_retry_after("-1", 0.0), None);
    assert_eq!(parse_retry_after("1.5", 0.0), None);
}

#[test]
fn abort_during_wait_and_attempt() {
    let c = config();
    let clock = FakeClock {
        abort_on_sleep: Some(0),
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![err(503, "x"), ok(200, json!([]))]);
    let e = run(&c, &list_call(&c), &t, &clock).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::Aborted, None));
    assert_eq!(t.attempts(), 1);
    let t = FakeTransport::new(vec![Err(TransportError::Aborted), ok(200, json!([]))]);
    assert_eq!(
        run(&c, &list_call(&c), &t, &FakeClock::default())
            .unwrap_err()
            .code,
        ErrorCode::Aborted
    );
    assert_eq!(t.attempts(), 1);
}

#[test]
fn per_attempt_timeouts() {
    let c = config_with(|r| r.timeout_ms = Field::Number(1234.0));
    let t = FakeTransport::new(vec![
        Err(TransportError::Timeout),
        Err(TransportError::Timeout),
        Err(TransportError::Timeout),
    ]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::Timeout, None));
    assert!(e.message.contains("1234 ms"), "{}", e.message);
    assert!(t.sent.borrow().iter().all(|(_, ms)| *ms == 1234));
    let t = FakeTransport::new(vec![ok(200, json!([]))]);
    let call_opts = CallConfig {
        timeout_ms: Some(77),
        has_signal: false,
    };
    block_on(c.run(&list_call(&c), call_opts, &t, &FakeClock::default())).unwrap();
    assert_eq!(t.sent.borrow()[0].1, 77);
}

#[test]
fn network_error_shape() {
    let c = config_with(|r| r.max_retries = Field::Number(0.0));
    let t = FakeTransport::new(vec![Err(TransportError::Network)]);
    let e = run(&c, &list_call(&c), &t, &FakeClock::default()).unwrap_err();
    assert_eq!(
        (e.code, e.status, e.details),
        (ErrorCode::NetworkError, None, None)
    );
}

#[test]
fn user_sync_is_never_repeated_where_it_may_have_run() {
    // A sync lost after the API accepted it (timeout, reset, 500) is not sent again: the
    // background run it started may be billed, and a second request would bill again.
    let c = config();
    for outcome in [
        || Err(TransportError::Timeout),
        || Err(TransportError::Network),
        || err(500, "Internal server error"),
        || err(502, "x"),
        || err(504, "x"),
    ] as [fn() -> Outcome; 5]
    {
        let t = FakeTransport::new(vec![
            outcome(),
            ok(202, json!({"success": true, "status": "processing"})),
        ]);
        let clock = FakeClock::default();
        assert!(run(&c, &sync_call(&c), &t, &clock).is_err());
        assert_eq!((t.attempts(), clock.sleeps.borrow().len()), (1, 0));
    }
    // 408, 429 and 503 mean the API did not run: retried, with the usual waits.
    let t = FakeTransport::new(vec![
        err(408, "x"),
        err_after(429, "3"),
        ok(202, json!({"success": true, "status": "processing"})),
    ]);
    let clock = FakeClock {
        random: 0.0,
        ..FakeClock::default()
    };
    assert!(run(&c, &sync_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![375, 3000]);
    // retryUnsafe: true opts in to the idempotent calls' list.
    let c = config_with(|r| r.retry_unsafe = Field::Bool(true));
    let t = FakeTransport::new(vec![
        Err(TransportError::Timeout),
        err(500, "x"),
        ok(202, json!({"success": true, "status": "processing"})),
    ]);
    assert!(run(&c, &sync_call(&c), &t, &FakeClock::default()).is_ok());
    assert_eq!(t.attempts(), 3);
}

#[test]
fn retry_after_beyond_safe_integers_and_invalid_dates() {
    use wazper::client::retry::MAX_SAFE_INTEGER;
    let c = config();
    // Not waited for; the error says how long the server asked for, as an exact JS number.
    let clock = FakeClock::default();
    let t = FakeTransport::new(vec![
        err_after(429, "99999999999999999999"),
        ok(200, json!([])),
    ]);
    let e = run(&c, &list_call(&c), &t, &clock).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::RateLimited, Some(429)));
    let secs = e.details.unwrap().retry_after_seconds.unwrap();
    assert_eq!(secs, MAX_SAFE_INTEGER);
    assert_eq!(secs as f64 as u64, secs, "exact as a JS number");
    assert_eq!((t.attempts(), clock.sleeps.borrow().len()), (1, 0));
    // An impossible date counts as absent: the backoff applies and the call goes on.
    let clock = FakeClock {
        random: 1.0,
        ..FakeClock::default()
    };
    let t = FakeTransport::new(vec![
        err_after(503, "Mon, 29 Feb 2100 00:00:00 GMT"),
        ok(200, json!([])),
    ]);
    assert!(run(&c, &list_call(&c), &t, &clock).is_ok());
    assert_eq!(*clock.sleeps.borrow(), vec![500]);
}
