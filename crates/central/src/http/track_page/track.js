// The visitor's phone page, live: it follows the office's event stream and asks
// for this ticket's place again only when something in the lobby moved. Without
// scripts the page refreshes itself instead (see the <noscript> in its head).
(() => {
  const main = document.querySelector('main[data-ticket]');
  if (!main || !window.EventSource) return;
  const { ticket, office, number } = main.dataset;
  const status = document.getElementById('status');
  const advice = document.getElementById('advice');
  const live = document.getElementById('live');
  let pending = null;
  let state = null;

  const line = (el, vi, en) => {
    el.textContent = vi;
    const small = document.createElement('small');
    small.lang = 'en';
    small.textContent = en;
    el.appendChild(small);
  };

  const counterPhrase = (name) => {
    const m = /^(quầy|counter)\s*(số\s*)?(\d+)$/i.exec(name.trim());
    return m ? [`quầy số ${m[3]}`, `counter ${m[3]}`] : [name, name];
  };

  function showCalled(counterName) {
    const [vi, en] = counterPhrase(counterName || 'quầy');
    main.classList.add('called');
    line(status, `Mời bạn đến ${vi}`, `Please go to ${en}`);
    advice.hidden = true;
    if (state !== 'called' && navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
    state = 'called';
  }

  function show(t) {
    if (t.state === 'called') return showCalled(t.counter_name);
    main.classList.remove('called');
    state = t.state;
    advice.hidden = true;
    if (t.state === 'done') return line(status, 'Đã phục vụ xong', 'Served');
    if (t.state === 'no_show') return line(status, 'Đã qua lượt: hãy hỏi cán bộ tại quầy', 'Missed: please ask at a counter');
    const n = t.people_ahead;
    const m = t.estimated_wait_minutes;
    if (n === 0) line(status, 'Bạn là người tiếp theo', 'You are next');
    else line(status, `Còn ${n} người trước bạn · khoảng ${m} phút`, `${n} ${n === 1 ? 'person' : 'people'} ahead of you · about ${m} min`);
    if (m >= 20) {
      const back = m - 10;
      line(advice, `Bạn có thể ra ngoài và quay lại trong vòng ${back} phút. Trang này báo khi đến lượt.`,
        `You may step out and come back within ${back} minutes. This page tells you when it is your turn.`);
      advice.hidden = false;
    }
  }

  async function refresh() {
    pending = null;
    try {
      const response = await fetch(`/api/v1/tickets/${encodeURIComponent(ticket)}`, { cache: 'no-store' });
      if (response.ok) show(await response.json());
    } catch {
      // The stream's reconnect brings a snapshot, which asks again.
    }
  }

  // Many phones follow one lobby: spread their questions over a second or two.
  const refreshSoon = () => {
    if (!pending) pending = setTimeout(refresh, 200 + Math.random() * 1500);
  };

  const onMessage = (message) => {
    let event;
    try { event = JSON.parse(message.data); } catch { return; }
    switch (event.type) {
      case 'called':
      case 'recalled':
        if (event.number === number) showCalled(event.counter_name);
        else refreshSoon();
        break;
      case 'issued':
        break;
      case 'snapshot':
        refresh();
        break;
      default:
        refreshSoon();
    }
  };

  const follow = () => {
    const events = new EventSource(`/api/v1/offices/${encodeURIComponent(office)}/events`);
    events.onopen = () => {
      live.textContent = '';
      main.dataset.live = 'open';
    };
    events.onerror = () => {
      live.textContent = 'Đang kết nối lại… · Reconnecting…';
      main.dataset.live = 'reconnecting';
      // A refused stream (the server is full) is not retried by the browser: ask again
      // in a while; the new stream starts with a snapshot.
      if (events.readyState === EventSource.CLOSED) setTimeout(follow, 30000);
    };
    events.onmessage = onMessage;
  };
  follow();
})();
