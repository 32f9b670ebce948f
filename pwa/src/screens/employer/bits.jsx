// Small parts the employer's screens share.
export function Message({ kind, text }) {
  return (
    <div class={`alert alert-${kind}`}>
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

// Status is a live region that is always in the page, so a message put in
// it later is read out.
export function Status({ msg }) {
  return <div role="status">{msg && <Message kind={msg.kind} text={msg.text} />}</div>;
}
