"""Every callback, action and block id Guichet's Slack surfaces use, in one place."""

from __future__ import annotations

import re
from typing import Final

COMMAND: Final = "/ticket"

# The filing modal
FILE_TICKET_CALLBACK: Final = "file_ticket"
FILED_CALLBACK: Final = "ticket_filed"
BLOCK_TYPE: Final = "type"
BLOCK_TITLE: Final = "title"
BLOCK_DESCRIPTION: Final = "description"
BLOCK_IMPACT: Final = "impact"
BLOCK_URGENCY: Final = "urgency"
BLOCK_SUGGESTION: Final = "suggestion"
BLOCK_INTRO: Final = "intro"
FORM_BLOCKS: Final = (BLOCK_TYPE, BLOCK_TITLE, BLOCK_DESCRIPTION, BLOCK_IMPACT, BLOCK_URGENCY)

# The ticket message in its service channel
BLOCK_TICKET_ACTIONS: Final = "ticket_actions"
ACTION_CLAIM: Final = "ticket_claim"
ACTION_ACK: Final = "ticket_ack"

# Filing from a message: the message shortcut "Create a ticket"
MESSAGE_SHORTCUT_CALLBACK: Final = "ticket_from_message"  # message shortcut (see manifest.yml)
BLOCK_SOURCE: Final = "source"
# Reactions Guichet adds: on a message filed by reaction, on a relayed reply, on an internal note
# and on a reply it could not relay
REACTION_FILED: Final = "white_check_mark"
REACTION_RELAYED: Final = "incoming_envelope"
REACTION_INTERNAL: Final = "lock"
REACTION_FAILED: Final = "warning"

# App Home
HOME_CALLBACK: Final = "guichet_home"
ACTION_HOME_NEW_TICKET: Final = "home_new_ticket"
ACTION_HOME_DETAILS: Final = "home_ticket_details"
ACTION_HOME_KNOWLEDGE: Final = "home_knowledge"  # opens the knowledge base browse modal
DETAILS_CALLBACK: Final = "ticket_details"
BLOCK_HOME_ACTIONS: Final = "home_actions"
ACTION_ASSIGN: Final = "ticket_assign"
ACTION_STATUS: Final = "ticket_status"
ACTION_PRIORITY: Final = "ticket_priority"
ACTION_REASSIGN: Final = "ticket_reassign"
ACTION_TYPE: Final = "ticket_type"  # correct its type (handlers/working/control_actions.py)

# The assign form
ASSIGN_CALLBACK: Final = "ticket_assign_form"
BLOCK_ASSIGNEE: Final = "assignee"

# Agent tools: edit the title and description (a form), unassign
ACTION_EDIT: Final = "ticket_edit"
ACTION_UNASSIGN: Final = "ticket_unassign"
EDIT_CALLBACK: Final = "ticket_edit_form"
BLOCK_EDIT_TITLE: Final = "edit_title"
BLOCK_EDIT_DESCRIPTION: Final = "edit_description"
RESOLVE_CALLBACK: Final = "ticket_resolve_form"  # resolving asks how it was solved
BLOCK_RESOLUTION_NOTE: Final = "resolution_note"
BLOCK_RESOLUTION_CATEGORY: Final = "resolution_category"

# The requester's direct messages and the add-information form
BLOCK_REQUESTER_ACTIONS: Final = "requester_actions"
ACTION_ADD_INFO: Final = "ticket_add_info"
ACTION_CANCEL: Final = "ticket_cancel"
ACTION_SOLVED: Final = "ticket_solved"
ACTION_NOT_SOLVED: Final = "ticket_not_solved"
ACTION_RATE_PREFIX: Final = "ticket_rate_"  # + the rating: ticket_rate_1 .. ticket_rate_5
ACTION_RATE: Final = re.compile(r"^ticket_rate_[1-5]$")
ADD_INFO_CALLBACK: Final = "ticket_add_info_form"
BLOCK_INFORMATION: Final = "information"
BLOCK_INFORMATION_FILES: Final = "information_files"  # files added with it

# A modal that only explains something
NOTICE_CALLBACK: Final = "guichet_notice"
# The scheduler's messages: reminders, on-call pages, and the ticket view they open
BLOCK_PAGING_ACTIONS: Final = "paging_actions"  # the Acknowledge button on the channel message
BLOCK_PAGE_ACTIONS: Final = "page_actions"
BLOCK_REMINDER_ACTIONS: Final = "reminder_actions"
ACTION_OPEN_TICKET: Final = "ticket_open"
# A person decides what is an emergency: on a suspected one's card, and on a page
BLOCK_SUSPECTED_ACTIONS: Final = "suspected_emergency_actions"
ACTION_DECLARE_EMERGENCY: Final = "ticket_declare_emergency"
ACTION_NOT_EMERGENCY: Final = "ticket_not_emergency"  # a menu: the incident's priority
TICKET_VIEW_CALLBACK: Final = "ticket_view"

# Problems and storms: the suggestion in a service channel, the incidents linked in a problem's
# thread (one section per incident, block id ``linked:<id>``, with its Unlink button)
BLOCK_SUGGESTION_ACTIONS: Final = "suggestion_actions"
ACTION_PROBLEM_CREATE: Final = "problem_create"
ACTION_PROBLEM_DISMISS: Final = "problem_dismiss"
ACTION_UNLINK: Final = "incident_unlink"
ACTION_LINK_RECURRENCE: Final = (
    "recurrence_link"  # a possible recurrence joins its reopened problem
)
BLOCK_LINKED_PREFIX: Final = "linked:"

# The service catalogue: "What do you need?" (a menu in an actions block, on every filing form
# when a catalogue is configured) and an item's form, whose inputs have the block and action id
# ``field_<field id>``
CATALOGUE_PICKER_CALLBACK: Final = "catalogue_picker"
CATALOGUE_REQUEST_CALLBACK: Final = "catalogue_request"
BLOCK_CATALOGUE_PICK: Final = "catalogue_pick"
BLOCK_CATALOGUE_INTRO: Final = "catalogue_intro"  # not "intro": the free form has that one
ACTION_CATALOGUE_PICK: Final = "catalogue_pick"
BLOCK_CATALOGUE_ABOUT: Final = "catalogue_about"
FIELD_PREFIX: Final = "field_"
# Approvals: the approver's DM (Approve / Reject carry ``<ticket id>|<step>``) and the form
# asking a rejection's reason
BLOCK_APPROVAL_ACTIONS: Final = "approval_actions"
ACTION_APPROVE: Final = "request_approve"
ACTION_REJECT: Final = "request_reject"
REJECT_CALLBACK: Final = "request_reject_form"
BLOCK_REJECT_REASON: Final = "reject_reason"
# The knowledge base: suggested articles (DM and /ticket <text>) and the article view
BLOCK_KNOWLEDGE_ACTIONS: Final = "knowledge_actions"
ACTION_KB_ANSWERED: Final = "knowledge_answered"  # value: <suggestions id>:<article id>
ACTION_KB_READ: Final = "knowledge_read"  # value: the article id
ACTION_KB_NEED_HELP: Final = "knowledge_need_help"  # value: the suggestions id
ACTION_KB_FILE: Final = "knowledge_file_ticket"  # value: the question (no article matched)
ARTICLE_VIEW_CALLBACK: Final = "knowledge_article"
# Saving a resolved ticket as an article (the card's button, then its form)
ACTION_KB_SAVE: Final = "knowledge_save"  # value: the ticket id
SAVE_ARTICLE_CALLBACK: Final = "knowledge_save_form"
BLOCK_ARTICLE_TITLE: Final = "article_title"
BLOCK_ARTICLE_LANGUAGE: Final = "article_language"
BLOCK_ARTICLE_TAGS: Final = "article_tags"
BLOCK_ARTICLE_BODY: Final = "article_body"
# Replying to a ticket with an article (the card's button, then its search form)
ACTION_KB_REPLY: Final = "knowledge_reply"  # value: the ticket id
REPLY_ARTICLE_CALLBACK: Final = "knowledge_reply_form"
BLOCK_ARTICLE_QUERY: Final = "article_query"
BLOCK_ARTICLE_CHOICE: Final = "article_choice"
# Edit and Retire on the article view (Slack-made articles, for their service's people)
BLOCK_ARTICLE_EDITING: Final = "article_editing"
ACTION_KB_EDIT: Final = "knowledge_edit"  # value: <article id>:<version>
ACTION_KB_RETIRE: Final = "knowledge_retire"  # value: <article id>:<version>
BLOCK_KNOWLEDGE_BROWSE: Final = "knowledge_browse"  # /ticket kb: one per article listed
KB_BROWSE_CALLBACK: Final = "knowledge_browse_form"  # App Home's look through the base
BLOCK_KB_BROWSE_QUERY: Final = "knowledge_browse_query"  # its search field (Enter searches)
EDIT_ARTICLE_CALLBACK: Final = "knowledge_edit_form"  # private_metadata: <id>:<version>

# /ticket privacy erase: the confirmation form
PRIVACY_ERASE_CALLBACK: Final = "privacy_erase_confirm"

# Saved replies on the card (handlers/conversation/saved_reply.py)
ACTION_SAVED_REPLY: Final = "ticket_saved_reply"  # value: the ticket id
SAVED_REPLY_CALLBACK: Final = "ticket_saved_reply_form"  # private_metadata: the ticket id
BLOCK_SAVED_REPLY_CHOICE: Final = "saved_reply_choice"
BLOCK_SAVED_REPLY_TEXT: Final = "saved_reply_text"  # + ":<key>": a new block per choice

# Merging a duplicate into a ticket (handlers/working/merge_actions.py)
ACTION_MERGE: Final = "ticket_merge"  # value: the ticket id (the duplicate)
MERGE_CALLBACK: Final = "ticket_merge_form"  # private_metadata: the duplicate's id
BLOCK_MERGE_TARGET: Final = "merge_target"
