"""The stage: the selected or latest result shown large in the middle of the window, with
the streamed previews of a running job, the actions a person takes next, a filmstrip of
the batch, the mask painter and the before/after view of a masked edit."""
