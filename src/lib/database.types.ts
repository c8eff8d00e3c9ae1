export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
	public: {
		Tables: {
			activities: {
				Row: {
					address: string | null;
					attributes: Database['public']['Enums']['activity_attribute'][];
					cancel_reason: string | null;
					capacity: number | null;
					category: Database['public']['Enums']['activity_category'];
					city: string | null;
					created_at: string;
					created_by: string | null;
					description: string;
					duration_minutes: number;
					first_date: string;
					helper_places: number;
					id: string;
					online: boolean;
					organization_id: string;
					published_at: string | null;
					rrule: string | null;
					search: unknown;
					sequence: number;
					signup_closes_hours_before: number;
					signup_mode: Database['public']['Enums']['signup_mode'];
					signup_opens_days_before: number | null;
					slug: string;
					start_time: string;
					status: Database['public']['Enums']['activity_status'];
					summary: string;
					timezone: string;
					title: string;
					updated_at: string;
					venue: string | null;
					waitlist: boolean;
				};
				ComputedFields: never;
				Insert: {
					address?: string | null;
					attributes?: Database['public']['Enums']['activity_attribute'][];
					cancel_reason?: string | null;
					capacity?: number | null;
					category: Database['public']['Enums']['activity_category'];
					city?: string | null;
					created_at?: string;
					created_by?: string | null;
					description?: string;
					duration_minutes: number;
					first_date: string;
					helper_places?: number;
					id?: string;
					online?: boolean;
					organization_id: string;
					published_at?: string | null;
					rrule?: string | null;
					search?: never;
					sequence?: number;
					signup_closes_hours_before?: number;
					signup_mode?: Database['public']['Enums']['signup_mode'];
					signup_opens_days_before?: number | null;
					slug: string;
					start_time: string;
					status?: Database['public']['Enums']['activity_status'];
					summary?: string;
					timezone?: string;
					title: string;
					updated_at?: string;
					venue?: string | null;
					waitlist?: boolean;
				};
				Update: {
					address?: string | null;
					attributes?: Database['public']['Enums']['activity_attribute'][];
					cancel_reason?: string | null;
					capacity?: number | null;
					category?: Database['public']['Enums']['activity_category'];
					city?: string | null;
					created_at?: string;
					created_by?: string | null;
					description?: string;
					duration_minutes?: number;
					first_date?: string;
					helper_places?: number;
					id?: string;
					online?: boolean;
					organization_id?: string;
					published_at?: string | null;
					rrule?: string | null;
					search?: never;
					sequence?: number;
					signup_closes_hours_before?: number;
					signup_mode?: Database['public']['Enums']['signup_mode'];
					signup_opens_days_before?: number | null;
					slug?: string;
					start_time?: string;
					status?: Database['public']['Enums']['activity_status'];
					summary?: string;
					timezone?: string;
					title?: string;
					updated_at?: string;
					venue?: string | null;
					waitlist?: boolean;
				};
				Relationships: [
					{
						foreignKeyName: 'activities_organization_id_fkey';
						columns: ['organization_id'];
						isOneToOne: false;
						referencedRelation: 'organizations';
						referencedColumns: ['id'];
					}
				];
			};
			invitations: {
				Row: {
					accepted_at: string | null;
					created_at: string;
					email: string;
					expires_at: string;
					id: string;
					invited_by: string | null;
					organization_id: string;
					role: Database['public']['Enums']['member_role'];
					token_hash: string;
				};
				ComputedFields: never;
				Insert: {
					accepted_at?: string | null;
					created_at?: string;
					email: string;
					expires_at?: string;
					id?: string;
					invited_by?: string | null;
					organization_id: string;
					role?: Database['public']['Enums']['member_role'];
					token_hash: string;
				};
				Update: {
					accepted_at?: string | null;
					created_at?: string;
					email?: string;
					expires_at?: string;
					id?: string;
					invited_by?: string | null;
					organization_id?: string;
					role?: Database['public']['Enums']['member_role'];
					token_hash?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'invitations_organization_id_fkey';
						columns: ['organization_id'];
						isOneToOne: false;
						referencedRelation: 'organizations';
						referencedColumns: ['id'];
					}
				];
			};
			memberships: {
				Row: {
					created_at: string;
					organization_id: string;
					role: Database['public']['Enums']['member_role'];
					user_id: string;
				};
				ComputedFields: never;
				Insert: {
					created_at?: string;
					organization_id: string;
					role?: Database['public']['Enums']['member_role'];
					user_id: string;
				};
				Update: {
					created_at?: string;
					organization_id?: string;
					role?: Database['public']['Enums']['member_role'];
					user_id?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'memberships_organization_id_fkey';
						columns: ['organization_id'];
						isOneToOne: false;
						referencedRelation: 'organizations';
						referencedColumns: ['id'];
					}
				];
			};
			organizations: {
				Row: {
					approaches: Database['public']['Enums']['approach'][];
					approved_at: string | null;
					city: string | null;
					contact_email: string | null;
					contact_phone: string | null;
					created_at: string;
					description: string;
					discreet: boolean;
					id: string;
					kind: Database['public']['Enums']['organization_kind'];
					name: string;
					region: string | null;
					retention_days: number;
					slug: string;
					status: Database['public']['Enums']['organization_status'];
					updated_at: string;
					website: string | null;
				};
				ComputedFields: never;
				Insert: {
					approaches?: Database['public']['Enums']['approach'][];
					approved_at?: string | null;
					city?: string | null;
					contact_email?: string | null;
					contact_phone?: string | null;
					created_at?: string;
					description?: string;
					discreet?: boolean;
					id?: string;
					kind: Database['public']['Enums']['organization_kind'];
					name: string;
					region?: string | null;
					retention_days?: number;
					slug: string;
					status?: Database['public']['Enums']['organization_status'];
					updated_at?: string;
					website?: string | null;
				};
				Update: {
					approaches?: Database['public']['Enums']['approach'][];
					approved_at?: string | null;
					city?: string | null;
					contact_email?: string | null;
					contact_phone?: string | null;
					created_at?: string;
					description?: string;
					discreet?: boolean;
					id?: string;
					kind?: Database['public']['Enums']['organization_kind'];
					name?: string;
					region?: string | null;
					retention_days?: number;
					slug?: string;
					status?: Database['public']['Enums']['organization_status'];
					updated_at?: string;
					website?: string | null;
				};
				Relationships: [];
			};
			platform_admins: {
				Row: {
					granted_at: string;
					user_id: string;
				};
				ComputedFields: never;
				Insert: {
					granted_at?: string;
					user_id: string;
				};
				Update: {
					granted_at?: string;
					user_id?: string;
				};
				Relationships: [];
			};
			sessions: {
				Row: {
					activity_id: string;
					cancel_reason: string | null;
					created_at: string;
					edited: boolean;
					ends_at: string;
					id: string;
					occurrence_date: string;
					sequence: number;
					starts_at: string;
					status: Database['public']['Enums']['session_status'];
					updated_at: string;
				};
				ComputedFields: never;
				Insert: {
					activity_id: string;
					cancel_reason?: string | null;
					created_at?: string;
					edited?: boolean;
					ends_at: string;
					id?: string;
					occurrence_date: string;
					sequence?: number;
					starts_at: string;
					status?: Database['public']['Enums']['session_status'];
					updated_at?: string;
				};
				Update: {
					activity_id?: string;
					cancel_reason?: string | null;
					created_at?: string;
					edited?: boolean;
					ends_at?: string;
					id?: string;
					occurrence_date?: string;
					sequence?: number;
					starts_at?: string;
					status?: Database['public']['Enums']['session_status'];
					updated_at?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'sessions_activity_id_fkey';
						columns: ['activity_id'];
						isOneToOne: false;
						referencedRelation: 'activities';
						referencedColumns: ['id'];
					}
				];
			};
		};
		Views: {
			[_ in never]: never;
		};
		Functions: {
			accept_invitation: {
				Args: { p_token: string };
				Returns: {
					created_at: string;
					organization_id: string;
					role: Database['public']['Enums']['member_role'];
					user_id: string;
				};
				SetofOptions: {
					from: '*';
					to: 'memberships';
					isOneToOne: true;
					isSetofReturn: false;
				};
			};
			activity_headcounts: {
				Args: { p_activity: string };
				Returns: {
					attended: number;
					first_timers: number;
					role: Database['public']['Enums']['signup_role'];
					session_id: string;
					session_status: Database['public']['Enums']['session_status'];
					signups: number;
					starts_at: string;
				}[];
			};
			attendee_audit: {
				Args: { p_limit?: number; p_organization: string };
				Returns: {
					activity_title: string;
					at: string;
					email: string;
					rows: number;
					session_starts_at: string;
					what: string;
				}[];
			};
			can_manage: { Args: { org: string }; Returns: boolean };
			cancel_signup_by_token: {
				Args: { p_token: string };
				Returns: Database['public']['Enums']['signup_status'];
			};
			create_organization: {
				Args: {
					p_approaches?: Database['public']['Enums']['approach'][];
					p_city?: string;
					p_contact_email?: string;
					p_description?: string;
					p_kind: Database['public']['Enums']['organization_kind'];
					p_name: string;
					p_region?: string;
					p_slug: string;
					p_website?: string;
				};
				Returns: {
					approaches: Database['public']['Enums']['approach'][];
					approved_at: string | null;
					city: string | null;
					contact_email: string | null;
					contact_phone: string | null;
					created_at: string;
					description: string;
					discreet: boolean;
					id: string;
					kind: Database['public']['Enums']['organization_kind'];
					name: string;
					region: string | null;
					retention_days: number;
					slug: string;
					status: Database['public']['Enums']['organization_status'];
					updated_at: string;
					website: string | null;
				};
				SetofOptions: {
					from: '*';
					to: 'organizations';
					isOneToOne: true;
					isSetofReturn: false;
				};
			};
			create_recovery_codes: { Args: { p_hashes: string[] }; Returns: undefined };
			discover_cities: { Args: Record<PropertyKey, never>; Returns: string[] };
			discover_sessions: {
				Args: {
					p_after_at?: string;
					p_after_id?: string;
					p_attributes?: Database['public']['Enums']['activity_attribute'][];
					p_categories?: Database['public']['Enums']['activity_category'][];
					p_city?: string;
					p_from: string;
					p_limit?: number;
					p_online?: boolean;
					p_organization?: string;
					p_to: string;
					p_words?: string[];
				};
				Returns: {
					activity_id: string;
					attributes: Database['public']['Enums']['activity_attribute'][];
					cancel_reason: string;
					category: Database['public']['Enums']['activity_category'];
					city: string;
					edited: boolean;
					ends_at: string;
					fuzzy: boolean;
					online: boolean;
					organization_name: string;
					organization_slug: string;
					session_id: string;
					session_status: Database['public']['Enums']['session_status'];
					starts_at: string;
					summary: string;
					timezone: string;
					title: string;
					venue: string;
				}[];
			};
			erase_signup_by_token: { Args: { p_token: string }; Returns: undefined };
			failed_mails: {
				Args: { p_organization: string };
				Returns: {
					attempts: number;
					created_at: string;
					id: number;
					last_error: string;
					template: string;
				}[];
			};
			feed_sessions: {
				Args: {
					p_activity?: string;
					p_after_at?: string;
					p_after_id?: string;
					p_attributes?: Database['public']['Enums']['activity_attribute'][];
					p_categories?: Database['public']['Enums']['activity_category'][];
					p_city?: string;
					p_from: string;
					p_limit?: number;
					p_online?: boolean;
					p_organization?: string;
					p_session?: string;
					p_to: string;
					p_words?: string[];
				};
				Returns: {
					activity_cancel_reason: string;
					activity_id: string;
					activity_status: Database['public']['Enums']['activity_status'];
					activity_updated_at: string;
					address: string;
					attributes: Database['public']['Enums']['activity_attribute'][];
					cancel_reason: string;
					category: Database['public']['Enums']['activity_category'];
					city: string;
					discreet: boolean;
					ends_at: string;
					online: boolean;
					organization_name: string;
					organization_slug: string;
					sequence: number;
					session_id: string;
					session_status: Database['public']['Enums']['session_status'];
					session_updated_at: string;
					starts_at: string;
					summary: string;
					timezone: string;
					title: string;
					venue: string;
				}[];
			};
			invitation_preview: {
				Args: { p_token_hash: string };
				Returns: {
					organization_name: string;
					role: Database['public']['Enums']['member_role'];
				}[];
			};
			invite_member: {
				Args: {
					p_email: string;
					p_locale?: string;
					p_organization: string;
					p_role: Database['public']['Enums']['member_role'];
					p_token: string;
					p_token_hash: string;
				};
				Returns: {
					accepted_at: string | null;
					created_at: string;
					email: string;
					expires_at: string;
					id: string;
					invited_by: string | null;
					organization_id: string;
					role: Database['public']['Enums']['member_role'];
					token_hash: string;
				};
				SetofOptions: {
					from: '*';
					to: 'invitations';
					isOneToOne: true;
					isSetofReturn: false;
				};
			};
			is_member: { Args: { org: string }; Returns: boolean };
			is_platform_admin: { Args: Record<PropertyKey, never>; Returns: boolean };
			member_list: {
				Args: { p_organization: string };
				Returns: {
					email: string;
					joined_at: string;
					role: Database['public']['Enums']['member_role'];
					user_id: string;
				}[];
			};
			menu_offers: {
				Args: { p_from: string; p_until: string };
				Returns: {
					activity_id: string;
					category: Database['public']['Enums']['activity_category'];
					dates: number;
					next_start: string;
					offers: number;
					organization_id: string;
					timezone: string;
					title: string;
				}[];
			};
			message_signups: {
				Args: { p_activity: string; p_body: string; p_session: string; p_subject: string };
				Returns: number;
			};
			my_organization_ids: { Args: Record<PropertyKey, never>; Returns: string[] };
			my_role: { Args: { org: string }; Returns: Database['public']['Enums']['member_role'] };
			outbox_claim: {
				Args: { p_limit?: number };
				Returns: unknown[];
				SetofOptions: {
					from: '*';
					to: 'outbox';
					isOneToOne: false;
					isSetofReturn: true;
				};
			};
			outbox_report: { Args: { p_error?: string; p_id: number }; Returns: undefined };
			places_left: {
				Args: { p_activity: string };
				Returns: {
					helper_places_left: number;
					places_left: number;
					session_id: string;
					waitlisted: number;
				}[];
			};
			purge_signups: { Args: { p_now?: string }; Returns: number };
			queue_reminders: { Args: { p_now?: string }; Returns: number };
			require_second_factor: { Args: Record<PropertyKey, never>; Returns: undefined };
			second_factor_satisfied: { Args: Record<PropertyKey, never>; Returns: boolean };
			session_has_signups: { Args: { p_session: string }; Returns: boolean };
			session_signups: {
				Args: { p_activity: string; p_purpose?: string; p_session: string };
				Returns: {
					chosen_name: string;
					created_at: string;
					email: string;
					first_time: boolean;
					note: string;
					phone: string;
					role: Database['public']['Enums']['signup_role'];
					signup_id: string;
					status: Database['public']['Enums']['signup_status'];
					waitlist_position: number;
				}[];
			};
			set_organization_status: {
				Args: {
					p_organization: string;
					p_status: Database['public']['Enums']['organization_status'];
				};
				Returns: {
					approaches: Database['public']['Enums']['approach'][];
					approved_at: string | null;
					city: string | null;
					contact_email: string | null;
					contact_phone: string | null;
					created_at: string;
					description: string;
					discreet: boolean;
					id: string;
					kind: Database['public']['Enums']['organization_kind'];
					name: string;
					region: string | null;
					retention_days: number;
					slug: string;
					status: Database['public']['Enums']['organization_status'];
					updated_at: string;
					website: string | null;
				};
				SetofOptions: {
					from: '*';
					to: 'organizations';
					isOneToOne: true;
					isSetofReturn: false;
				};
			};
			sign_up: {
				Args: {
					p_activity: string;
					p_consent_version: string;
					p_email: string;
					p_first_time: boolean;
					p_idempotency_key: string;
					p_locale?: string;
					p_name: string;
					p_note: string;
					p_phone: string;
					p_reminder: boolean;
					p_role: Database['public']['Enums']['signup_role'];
					p_session: string;
					p_token: string;
				};
				Returns: {
					repeated: boolean;
					signup_id: string;
					status: Database['public']['Enums']['signup_status'];
					waitlist_position: number;
				}[];
			};
			signup_by_token: {
				Args: { p_token: string };
				Returns: {
					activity_id: string;
					activity_title: string;
					address: string;
					chosen_name: string;
					city: string;
					created_at: string;
					deleted: boolean;
					email: string;
					ends_at: string;
					first_time: boolean;
					note: string;
					online: boolean;
					organization_name: string;
					phone: string;
					reminder: boolean;
					role: Database['public']['Enums']['signup_role'];
					session_id: string;
					session_status: Database['public']['Enums']['session_status'];
					signup_id: string;
					starts_at: string;
					status: Database['public']['Enums']['signup_status'];
					timezone: string;
					venue: string;
					waitlist_position: number;
				}[];
			};
			signup_counts: {
				Args: { p_activity: string };
				Returns: {
					attended: number;
					confirmed: number;
					first_timers: number;
					helpers: number;
					no_shows: number;
					session_id: string;
					waitlisted: number;
				}[];
			};
			sync_sessions: {
				Args: { p_activity: string; p_from?: string; p_occurrences: Json };
				Returns: number;
			};
			take_rate_limit: {
				Args: { p_key: string; p_max: number; p_window_seconds: number };
				Returns: boolean;
			};
			update_signup: {
				Args: { p_action: string; p_signup: string };
				Returns: Database['public']['Enums']['signup_status'];
			};
			use_recovery_code: { Args: { p_hash: string; p_user: string }; Returns: boolean };
		};
		Enums: {
			activity_attribute:
				| 'substance_free'
				| 'free_of_charge'
				| 'women_only'
				| 'youth'
				| 'families'
				| 'wheelchair_accessible'
				| 'beginners_welcome'
				| 'no_sharing_required'
				| 'drop_in'
				| 'english_spoken';
			activity_category:
				| 'sport'
				| 'outdoor'
				| 'course'
				| 'dialogue_group'
				| 'culture_creative'
				| 'social_meals'
				| 'volunteering'
				| 'work_study';
			activity_status: 'draft' | 'published' | 'cancelled' | 'archived';
			approach:
				| 'peer_led'
				| 'activity_based'
				| 'dialogue_based'
				| 'twelve_step'
				| 'non_twelve_step'
				| 'for_relatives'
				| 'professional_led'
				| 'faith_based';
			member_role: 'owner' | 'admin' | 'organizer';
			organization_kind: 'user_organization' | 'ngo' | 'public_service' | 'treatment_facility';
			organization_status: 'pending' | 'approved' | 'suspended';
			session_status: 'scheduled' | 'cancelled';
			signup_mode: 'none' | 'per_session' | 'whole_series';
			signup_role: 'participant' | 'helper';
			signup_status: 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show';
		};
		CompositeTypes: {
			[_ in never]: never;
		};
	};
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
	DefaultSchemaTableNameOrOptions extends
		| keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
		| { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
				DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
			DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
			Row: infer R;
		}
		? R
		: never
	: DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
		? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
				Row: infer R;
			}
			? R
			: never
		: never;

export type TablesInsert<
	DefaultSchemaTableNameOrOptions extends
		keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
			Insert: infer I;
		}
		? I
		: never
	: DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
		? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
				Insert: infer I;
			}
			? I
			: never
		: never;

export type TablesUpdate<
	DefaultSchemaTableNameOrOptions extends
		keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
			Update: infer U;
		}
		? U
		: never
	: DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
		? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
				Update: infer U;
			}
			? U
			: never
		: never;

export type Enums<
	DefaultSchemaEnumNameOrOptions extends
		keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
	EnumName extends (DefaultSchemaEnumNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
		: never) = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
	: DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
		? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
		: never;

export type CompositeTypes<
	PublicCompositeTypeNameOrOptions extends
		keyof DefaultSchema['CompositeTypes'] | { schema: keyof DatabaseWithoutInternals },
	CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
		: never) = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
	: PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
		? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
		: never;

export const Constants = {
	public: {
		Enums: {
			activity_attribute: [
				'substance_free',
				'free_of_charge',
				'women_only',
				'youth',
				'families',
				'wheelchair_accessible',
				'beginners_welcome',
				'no_sharing_required',
				'drop_in',
				'english_spoken'
			],
			activity_category: [
				'sport',
				'outdoor',
				'course',
				'dialogue_group',
				'culture_creative',
				'social_meals',
				'volunteering',
				'work_study'
			],
			activity_status: ['draft', 'published', 'cancelled', 'archived'],
			approach: [
				'peer_led',
				'activity_based',
				'dialogue_based',
				'twelve_step',
				'non_twelve_step',
				'for_relatives',
				'professional_led',
				'faith_based'
			],
			member_role: ['owner', 'admin', 'organizer'],
			organization_kind: ['user_organization', 'ngo', 'public_service', 'treatment_facility'],
			organization_status: ['pending', 'approved', 'suspended'],
			session_status: ['scheduled', 'cancelled'],
			signup_mode: ['none', 'per_session', 'whole_series'],
			signup_role: ['participant', 'helper'],
			signup_status: ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show']
		}
	}
} as const;
