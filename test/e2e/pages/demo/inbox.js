// A web component with an open shadow root, like many webmail widgets.
customElements.define(
  'order-summary',
  class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      const box = document.createElement('div');
      box.style.cssText = 'border:1px solid #ccd;padding:8px;border-radius:6px;margin:8px 0';
      box.textContent = 'Order #1042 · billed to ada.lovelace@example.com · 1 × Analytical Engine kit';
      root.append(box);
    }
  },
);

// A new message arrives one second after load.
setTimeout(() => {
  const item = document.createElement('li');
  item.className = 'thread unread';
  const sender = document.createElement('span');
  sender.className = 'sender';
  sender.setAttribute('email', 'katherine.johnson@example.com');
  sender.textContent = 'Katherine Johnson';
  const subject = document.createElement('span');
  subject.className = 'subject';
  subject.textContent = 'Refund request (Katherine.Johnson@Example.com)';
  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = 'now';
  item.append(sender, subject, time);
  document.getElementById('threads')?.prepend(item);
}, 1000);
