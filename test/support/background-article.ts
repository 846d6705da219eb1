/**
 * A 2024 story with one current act and two acts of 2014 told as background ("In 2014, Russia
 * annexed Crimea"): the events stage marks those two historical, and counts leave them out.
 */
export const BACKGROUND_ARTICLE = {
  id: 'crimea-background',
  date: '2024-03-12',
  text:
    'Ukraine accused Russia of shelling Kharkiv on Monday. In 2014, Russia annexed Crimea. ' +
    'On March 1, 2014, Russia invaded Ukraine.',
};
