import './follow-up-code.css';

/**
 * A follow-up code to read out or copy: as the API groups it, in a fixed-width font, on one line
 * (a code that wraps is read wrong).
 */
export function FollowUpCode(props: { code: string; large?: boolean; testId?: string }) {
  return (
    <span
      className={props.large ? 'follow-up-code follow-up-code-large' : 'follow-up-code'}
      data-testid={props.testId}
      translate="no"
    >
      {props.code}
    </span>
  );
}
