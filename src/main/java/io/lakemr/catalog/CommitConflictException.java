package io.lakemr.catalog;

import java.io.IOException;

/**
 * A commit that could not be made because another writer's commit, made after the snapshot this
 * one was based on, conflicts with it; the message is one line naming that commit's number and
 * operation. Nothing of the refused commit is in the log; its data files, if any were written,
 * are left for {@code catalog vacuum}.
 */
public class CommitConflictException extends IOException {

  private static final long serialVersionUID = 1L;

  public CommitConflictException(String message) {
    super(message);
  }
}
